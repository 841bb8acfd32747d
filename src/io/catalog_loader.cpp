#include "io/catalog_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/catalog_parser.h"

namespace mamori::io {

namespace fs = std::filesystem;

Result<Catalog> load_catalog_dir(const std::string& dir) {
  std::error_code ec;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".txt") paths.push_back(e.path());
  if (ec) return Status::NotFound("調査票フォルダ「" + dir + "」を読めません。", "Cannot read catalogue folder " + dir);
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
    return Status::NotFound("調査票フォルダ「" + root + "」を読めません。", "Cannot read catalogue folder " + root);
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
      return Status::InvalidArgument(
          "invalid_catalog", "調査票「" + id + "」の previous「" + cat.previous + "」がありません。",
          "Catalogue " + id + " names previous '" + cat.previous + "', which does not exist.");
    MAMORI_RETURN_IF_ERROR(validate_lineage(cat, *prev));
  }
  return set;
}

}  // namespace mamori::io
