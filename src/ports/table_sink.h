#pragma once
// A table written row by row, whatever the file format (CSV, xlsx), so that an export
// streams to disk instead of being built in memory. Cells are text or numbers.
// Implementations: io/table_sink.* (opened through ports::Documents).

#include <string>
#include <variant>
#include <vector>

#include "base/status.h"

namespace mamori::ports {

using Cell = std::variant<std::string, double, std::monostate>;  // monostate: empty

class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual void row(const std::vector<Cell>& cells) = 0;
  // Flushes and closes the file. Errors: Internal (I/O), or what the format refuses.
  virtual Status finish() = 0;
};

}  // namespace mamori::ports
