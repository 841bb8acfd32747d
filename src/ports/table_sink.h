#pragma once
// A table written row by row, whatever the file format (CSV, xlsx), so that an export
// streams to disk instead of being built in memory. Cells are text or numbers.
// Implementations: io/table_sink.* (opened through ports::Documents).

#include <string>
#include <variant>
#include <vector>

#include "base/status.h"

namespace mamori::ports {

// A rate in tenths of a percent (analytics::percent_tenths): 674 is written 67.4 in CSV and
// as the number 0.674 formatted "0.0%" in xlsx — the value the API gives.
struct Percent {
  int64_t tenths = 0;
};
using Cell = std::variant<std::string, double, std::monostate, Percent>;  // monostate: empty

class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual void row(const std::vector<Cell>& cells) = 0;
  // Flushes and closes the file. Errors: Internal (I/O), or what the format refuses.
  virtual Status finish() = 0;
};

}  // namespace mamori::ports
