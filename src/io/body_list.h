// Reads the official list of local bodies (総務省「都道府県コード及び市区町村コード」).
#pragma once

#include <string>
#include <vector>

#include "domain/body.h"
#include "io/xlsx_reader.h"

namespace mamori::io {

// Turns the two sheets of the official workbook into bodies: prefectures and
// municipalities of sheet 1 (the six 北方領土 villages excluded), each code
// validated with its check digit, type derived (designated cities from sheet
// 2, 特別区 by code range, otherwise by the name's suffix). Any malformed row
// fails the whole load with InvalidArgument naming the sheet row.
Result<std::vector<Body>> parse_official_body_list(const std::vector<Sheet>& sheets);

// Convenience: read_xlsx + parse_official_body_list.
Result<std::vector<Body>> load_official_body_list(const std::string& xlsx_path);

}  // namespace mamori::io
