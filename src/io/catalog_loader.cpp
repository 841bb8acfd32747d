#include "io/catalog_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/catalog_parser.h"

namespace mamori::io {

namespace fs = std::filesystem;

namespace {

// `questions_from = <id>` in a catalog.txt: the value, or "".
std::string questions_from(const fs::path& catalog_txt) {
  std::ifstream in(catalog_txt);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(" \t\r"));
      s.erase(s.find_last_not_of(" \t\r") + 1);
      return s;
    };
    if (trim(line.substr(0, eq)) == "questions_from") return trim(line.substr(eq + 1));
  }
  return "";
}

}  // namespace

Result<Catalog> load_catalog_dir(const std::string& dir) {
  std::error_code ec;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".txt") paths.push_back(e.path());
  if (ec) return Status::NotFound("catalog_dir_unreadable", {{"dir", dir}});
  // A catalogue that repeats another one's questions (the demo's FY2021–FY2024) reads that
  // folder's question files after its own catalog.txt.
  if (std::string from = questions_from(fs::path(dir) / "catalog.txt"); !from.empty()) {
    fs::path other = fs::path(dir).parent_path() / from;
    for (const auto& e : fs::directory_iterator(other, ec))
      if (e.is_regular_file() && e.path().extension() == ".txt" && e.path().filename() != "catalog.txt")
        paths.push_back(e.path());
    if (ec)
      return Status::NotFound("catalog_dir_unreadable", {{"dir", other.string()}});
  }
  std::sort(paths.begin(), paths.end(), [](const fs::path& a, const fs::path& b) {
    bool ah = a.filename() == "catalog.txt", bh = b.filename() == "catalog.txt";
    if (ah != bh) return ah;
    return a.filename().string() < b.filename().string();
  });
  std::vector<SourceFile> files;
  fs::path base = fs::path(dir).parent_path().parent_path();
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    files.push_back(SourceFile{fs::relative(p, base, ec).string(), ss.str()});
  }
  return parse_catalog(files);
}

Result<CatalogSet> load_catalogs(const std::string& root) {
  CatalogSet set;
  std::error_code ec;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root, ec))
    if (e.is_directory()) dirs.push_back(e.path());
  if (ec)
    return Status::NotFound("catalog_dir_unreadable", {{"dir", root}});
  std::sort(dirs.begin(), dirs.end());
  for (const auto& d : dirs) {
    auto cat = load_catalog_dir(d.string());
    if (!cat.ok()) return cat.status();
    std::string id = cat->id;
    set.by_id.emplace(id, std::move(*cat));
  }
  for (const auto& [id, cat] : set.by_id) {
    if (cat.previous.empty()) continue;
    const Catalog* prev = set.find(cat.previous);
    if (!prev)
      return Status::InvalidArgument("invalid_catalog", {{"id", id}, {"previous", cat.previous}})
          .with_message("catalog.missing_previous");
    MAMORI_RETURN_IF_ERROR(validate_lineage(cat, *prev));
  }
  return set;
}

}  // namespace mamori::io
