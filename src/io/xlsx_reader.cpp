#include "io/xlsx_reader.h"

#include <minizip/ioapi.h>
#include <minizip/unzip.h>
#include <pugixml.hpp>

#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace mamori::io {

namespace {

// InvalidArgument "broken_xlsx"; `why` is a "broken_xlsx.*" message key.
Status broken(const std::string& why, MessageArgs args = {}) {
  return Status::InvalidArgument("broken_xlsx", std::move(args)).with_message("broken_xlsx." + why);
}

// An in-memory file for minizip, so uploads and files share one code path.
struct MemFile {
  const std::string* data;
  size_t pos = 0;
};

voidpf mem_open(voidpf opaque, const char*, int) { return opaque; }
uLong mem_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemFile*>(stream);
  size_t n = std::min<size_t>(size, f->data->size() - f->pos);
  std::memcpy(buf, f->data->data() + f->pos, n);
  f->pos += n;
  return static_cast<uLong>(n);
}
uLong mem_write(voidpf, voidpf, const void*, uLong) { return 0; }
long mem_tell(voidpf, voidpf stream) { return static_cast<long>(static_cast<MemFile*>(stream)->pos); }
long mem_seek(voidpf, voidpf stream, uLong offset, int origin) {
  auto* f = static_cast<MemFile*>(stream);
  size_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? f->pos : f->data->size();
  size_t np = base + offset;
  if (np > f->data->size()) return -1;
  f->pos = np;
  return 0;
}
int mem_close(voidpf, voidpf) { return 0; }
int mem_error(voidpf, voidpf) { return 0; }

class Zip {
 public:
  explicit Zip(const std::string& bytes) : file_{&bytes} {
    zlib_filefunc_def fns{};
    fns.zopen_file = mem_open;
    fns.zread_file = mem_read;
    fns.zwrite_file = mem_write;
    fns.ztell_file = mem_tell;
    fns.zseek_file = mem_seek;
    fns.zclose_file = mem_close;
    fns.zerror_file = mem_error;
    fns.opaque = &file_;
    uf_ = unzOpen2(nullptr, &fns);
  }
  ~Zip() {
    if (uf_) unzClose(uf_);
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;
  bool ok() const { return uf_ != nullptr; }

  // Reads one member; nullopt when absent or unreadable.
  std::optional<std::string> read(const std::string& name) {
    if (unzLocateFile(uf_, name.c_str(), 0) != UNZ_OK) return std::nullopt;
    unz_file_info info{};
    if (unzGetCurrentFileInfo(uf_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) return std::nullopt;
    if (info.uncompressed_size > uLong{256} * 1024 * 1024) return std::nullopt;  // zip bomb guard
    if (unzOpenCurrentFile(uf_) != UNZ_OK) return std::nullopt;
    std::string out(info.uncompressed_size, '\0');
    int n = unzReadCurrentFile(uf_, out.data(), static_cast<unsigned>(out.size()));
    unzCloseCurrentFile(uf_);
    if (n < 0 || static_cast<uLong>(n) != info.uncompressed_size) return std::nullopt;
    return out;
  }

 private:
  MemFile file_;
  unzFile uf_ = nullptr;
};

// Text of an <si> or <is>: the <t> of itself and of its <r> runs; <rPh> skipped.
std::string rich_text(const pugi::xml_node& si) {
  std::string out;
  for (auto child : si.children()) {
    std::string_view n = child.name();
    if (n == "t") {
      out += child.text().get();
    } else if (n == "r") {
      out += child.child("t").text().get();
    }
  }
  return out;
}

std::string resolve_target(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

}  // namespace

int column_index(std::string_view ref) {
  int col = 0;
  for (char c : ref) {
    if (c >= 'A' && c <= 'Z')
      col = col * 26 + (c - 'A' + 1);
    else
      break;
  }
  return col - 1;
}

Result<std::vector<Sheet>> read_xlsx_bytes(const std::string& bytes) {
  Zip zip(bytes);
  if (!zip.ok()) return broken("not_zip");
  auto workbook = zip.read("xl/workbook.xml");
  auto rels = zip.read("xl/_rels/workbook.xml.rels");
  if (!workbook || !rels) return broken("no_workbook");

  pugi::xml_document rels_doc;
  if (!rels_doc.load_string(rels->c_str())) return broken("bad_rels");
  std::map<std::string, std::string> rel_targets;
  for (auto r : rels_doc.child("Relationships").children("Relationship"))
    rel_targets[r.attribute("Id").value()] = r.attribute("Target").value();

  std::vector<std::string> shared;
  if (auto ss = zip.read("xl/sharedStrings.xml")) {
    pugi::xml_document ss_doc;
    if (!ss_doc.load_string(ss->c_str())) return broken("bad_shared_strings");
    for (auto si : ss_doc.child("sst").children("si")) shared.push_back(rich_text(si));
  }

  pugi::xml_document wb_doc;
  if (!wb_doc.load_string(workbook->c_str())) return broken("bad_workbook");
  std::vector<Sheet> sheets;
  for (auto s : wb_doc.child("workbook").child("sheets").children("sheet")) {
    Sheet sheet;
    sheet.name = s.attribute("name").value();
    auto it = rel_targets.find(s.attribute("r:id").value());
    if (it == rel_targets.end()) return broken("dangling_sheet");
    auto xml = zip.read(resolve_target(it->second));
    if (!xml) return broken("sheet_missing", {{"sheet", sheet.name}});
    pugi::xml_document doc;
    if (!doc.load_buffer(xml->data(), xml->size()))
      return broken("bad_sheet", {{"sheet", sheet.name}});
    for (auto row : doc.child("worksheet").child("sheetData").children("row")) {
      long r = row.attribute("r").as_int(static_cast<int>(sheet.rows.size()) + 1) - 1;
      if (r < 0 || r > 1048575) return broken("bad_row");
      if (sheet.rows.size() <= static_cast<size_t>(r)) sheet.rows.resize(static_cast<size_t>(r) + 1);
      auto& cells = sheet.rows[static_cast<size_t>(r)];
      int next_col = 0;
      for (auto c : row.children("c")) {
        std::string ref = c.attribute("r").value();
        int col = ref.empty() ? next_col : column_index(ref);
        if (col < 0 || col > 16383) return broken("bad_column");
        next_col = col + 1;
        std::string_view t = c.attribute("t").value();
        std::string value;
        if (t == "s") {
          long idx = c.child("v").text().as_int(-1);
          if (idx < 0 || static_cast<size_t>(idx) >= shared.size())
            return broken("bad_shared_index");
          value = shared[static_cast<size_t>(idx)];
        } else if (t == "inlineStr") {
          value = rich_text(c.child("is"));
        } else {
          value = c.child("v").text().get();
        }
        if (cells.size() <= static_cast<size_t>(col)) cells.resize(static_cast<size_t>(col) + 1);
        cells[static_cast<size_t>(col)] = std::move(value);
      }
    }
    sheets.push_back(std::move(sheet));
  }
  if (sheets.empty()) return broken("no_sheets");
  return sheets;
}

Result<std::vector<Sheet>> read_xlsx(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("file_unreadable", {{"path", path}});
  std::ostringstream ss;
  ss << in.rdbuf();
  return read_xlsx_bytes(ss.str());
}

}  // namespace mamori::io
