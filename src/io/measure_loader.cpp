#include "io/measure_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/measures.h"

namespace mamori::io {

namespace fs = std::filesystem;

namespace {

SourceFile read_source(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::error_code ec;
  return SourceFile{fs::relative(p, fs::path(p).parent_path().parent_path(), ec).string(), ss.str()};
}

}  // namespace

Result<Crosswalk> load_crosswalk(const std::string& dir, const CatalogSet& catalogs, bool optional) {
  std::error_code ec;
  if (optional && !fs::exists(dir, ec)) return Crosswalk{};
  std::vector<fs::path> bank_files, map_files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    if (e.path().extension() == ".txt") bank_files.push_back(e.path());
    if (e.path().extension() == ".map") map_files.push_back(e.path());
  }
  if (ec) return Status::NotFound("measures_dir_unreadable", {{"dir", dir}});
  std::sort(bank_files.begin(), bank_files.end());
  std::sort(map_files.begin(), map_files.end());
  std::vector<SourceFile> bank_sources;
  for (const auto& p : bank_files) bank_sources.push_back(read_source(p));
  Crosswalk out;
  MAMORI_ASSIGN_OR_RETURN(out.bank, parse_measure_bank(bank_sources));
  for (const auto& p : map_files) {
    SourceFile f = read_source(p);
    const std::string catalog_id = p.stem().string();
    const Catalog* cat = catalogs.find(catalog_id);
    if (!cat) return text_error("invalid_measures", f.name, 1, "measures.unknown_catalog", {{"catalog", catalog_id}});
    MAMORI_ASSIGN_OR_RETURN(SurveyMapping m, parse_survey_mapping(f, *cat, out.bank));
    out.by_catalog.emplace(catalog_id, std::move(m));
  }
  return out;
}

Result<CsfView> load_csf_view(const std::string& dir, const CatalogSet& catalogs, bool optional) {
  std::error_code ec;
  if (optional && !fs::exists(dir, ec)) return CsfView{};
  const fs::path framework_file = fs::path(dir) / "csf-2.0.csv";
  if (!fs::exists(framework_file, ec)) return Status::NotFound("measures_dir_unreadable", {{"dir", framework_file.string()}});
  CsfView out;
  MAMORI_ASSIGN_OR_RETURN(out.framework, parse_csf_framework(read_source(framework_file)));
  std::vector<fs::path> map_files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".map") map_files.push_back(e.path());
  if (ec) return Status::NotFound("measures_dir_unreadable", {{"dir", dir}});
  std::sort(map_files.begin(), map_files.end());
  for (const auto& p : map_files) {
    SourceFile f = read_source(p);
    const std::string catalog_id = p.stem().string();
    const Catalog* cat = catalogs.find(catalog_id);
    if (!cat) return text_error("invalid_csf", f.name, 1, "measures.unknown_catalog", {{"catalog", catalog_id}});
    MAMORI_ASSIGN_OR_RETURN(CsfMapping m, parse_csf_mapping(f, *cat, out.framework));
    out.by_catalog.emplace(catalog_id, std::move(m));
  }
  return out;
}

}  // namespace mamori::io
