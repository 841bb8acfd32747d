#include "io/xlsx_reader.h"

#include <minizip/ioapi.h>
#include <minizip/unzip.h>
#include <pugixml.hpp>

#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <algorithm>

namespace mamori::io {

namespace {

// InvalidArgument "broken_xlsx"; `why` is a "broken_xlsx.*" message key.
Status broken(const std::string& why, MessageArgs args = {}) {
  return Status::InvalidArgument("broken_xlsx", std::move(args)).with_message("broken_xlsx." + why);
}

// PayloadTooLarge "xlsx_too_large"; `what` is a "xlsx_too_large.*" message key.
Status too_large(const std::string& what, size_t limit) {
  return Status::Error(StatusCode::kPayloadTooLarge, "xlsx_too_large", {{"limit", std::to_string(limit)}})
      .with_message("xlsx_too_large." + what);
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

// The members of an archive in memory, read within the limits: the sizes its directory
// declares are checked before anything is allocated, and the data read is held to them.
class Zip {
 public:
  Zip(const std::string& bytes, const XlsxLimits& limits) : file_{&bytes}, limits_(limits) {
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

  // Whether it is a ZIP within the limit of members.
  Status open_status() const {
    if (!uf_) return broken("not_zip");
    unz_global_info info{};
    if (unzGetGlobalInfo(uf_, &info) != UNZ_OK) return broken("not_zip");
    if (info.number_entry > limits_.max_entries) return too_large("entries", limits_.max_entries);
    return Status::Ok();
  }

  // Reads one member; nullopt when absent.
  Result<std::optional<std::string>> read(const std::string& name) {
    if (unzLocateFile(uf_, name.c_str(), 0) != UNZ_OK) return std::optional<std::string>();
    unz_file_info info{};
    if (unzGetCurrentFileInfo(uf_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
      return broken("bad_member", {{"member", name}});
    const size_t size = info.uncompressed_size;
    if (size > limits_.max_member_bytes) return too_large("member", limits_.max_member_bytes);
    if (size > limits_.max_total_bytes - std::min(read_total_, limits_.max_total_bytes))
      return too_large("total", limits_.max_total_bytes);
    if (size > (1u << 20) && size / std::max<size_t>(1, info.compressed_size) > limits_.max_ratio)
      return too_large("ratio", limits_.max_ratio);
    if (unzOpenCurrentFile(uf_) != UNZ_OK) return broken("bad_member", {{"member", name}});
    std::string out(size, '\0');
    size_t got = 0;
    bool overflow = false;
    while (true) {
      char extra;
      // Up to the declared size, then one byte more: a member longer than its directory
      // says is refused, not read on.
      int n = got < size ? unzReadCurrentFile(uf_, out.data() + got, static_cast<unsigned>(std::min<size_t>(size - got, 1u << 20)))
                         : unzReadCurrentFile(uf_, &extra, 1);
      if (n < 0) break;
      if (n == 0) break;
      if (got >= size) {
        overflow = true;
        break;
      }
      got += static_cast<size_t>(n);
    }
    const int closed = unzCloseCurrentFile(uf_);  // UNZ_CRCERROR when the data is not what was stored
    if (overflow || got != size || closed != UNZ_OK) return broken("bad_member", {{"member", name}});
    read_total_ += size;
    return std::optional<std::string>(std::move(out));
  }

 private:
  MemFile file_;
  const XlsxLimits& limits_;
  unzFile uf_ = nullptr;
  size_t read_total_ = 0;
};

// Parses `xml` and checks its nesting (pugixml parses and walks without recursion, so a
// deep document costs memory only, which the member limit bounds).
Status parse_xml(pugi::xml_document& doc, const std::string& xml, const XlsxLimits& limits, const std::string& broken_key,
                 MessageArgs args = {}) {
  if (!doc.load_buffer(xml.data(), xml.size())) return broken(broken_key, std::move(args));
  struct Depth : pugi::xml_tree_walker {
    size_t max, deepest = 0;
    explicit Depth(size_t m) : max(m) {}
    bool for_each(pugi::xml_node&) override {
      deepest = std::max(deepest, static_cast<size_t>(depth()) + 1);
      return deepest <= max;
    }
  } walker(limits.max_xml_depth);
  doc.traverse(walker);
  if (walker.deepest > limits.max_xml_depth) return too_large("depth", limits.max_xml_depth);
  return Status::Ok();
}

// A row number ("1" … "1048576") as 0-based; nullopt when it is not one.
std::optional<size_t> row_index(const char* text) {
  size_t v = 0, digits = 0;
  for (const char* p = text; *p; ++p) {
    if (*p < '0' || *p > '9' || ++digits > 7) return std::nullopt;
    v = v * 10 + static_cast<size_t>(*p - '0');
  }
  if (digits == 0 || v < 1 || v > 1048576) return std::nullopt;
  return v - 1;
}

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

XlsxLimits upload_limits() {
  XlsxLimits l;
  l.max_file_bytes = 16u << 20;
  l.max_entries = 1'000;
  l.max_member_bytes = 64u << 20;
  l.max_total_bytes = 128u << 20;
  l.max_cells = 200'000;
  l.max_shared_strings = 200'000;
  return l;
}

int column_index(std::string_view ref) {
  int col = 0, letters = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    if (++letters > 3) return -1;  // at most "XFD": no overflow
    col = col * 26 + (c - 'A' + 1);
  }
  if (letters == 0 || col > 16384) return -1;
  return col - 1;
}

Result<std::vector<Sheet>> read_xlsx_bytes(const std::string& bytes, const XlsxLimits& limits) {
  if (bytes.size() > limits.max_file_bytes) return too_large("file", limits.max_file_bytes);
  Zip zip(bytes, limits);
  MAMORI_RETURN_IF_ERROR(zip.open_status());
  MAMORI_ASSIGN_OR_RETURN(auto workbook, zip.read("xl/workbook.xml"));
  MAMORI_ASSIGN_OR_RETURN(auto rels, zip.read("xl/_rels/workbook.xml.rels"));
  if (!workbook || !rels) return broken("no_workbook");

  pugi::xml_document rels_doc;
  MAMORI_RETURN_IF_ERROR(parse_xml(rels_doc, *rels, limits, "bad_rels"));
  std::map<std::string, std::string> rel_targets;
  for (auto r : rels_doc.child("Relationships").children("Relationship"))
    rel_targets[r.attribute("Id").value()] = r.attribute("Target").value();

  std::vector<std::string> shared;
  MAMORI_ASSIGN_OR_RETURN(auto ss, zip.read("xl/sharedStrings.xml"));
  if (ss) {
    pugi::xml_document ss_doc;
    MAMORI_RETURN_IF_ERROR(parse_xml(ss_doc, *ss, limits, "bad_shared_strings"));
    for (auto si : ss_doc.child("sst").children("si")) {
      if (shared.size() >= limits.max_shared_strings) return too_large("shared_strings", limits.max_shared_strings);
      shared.push_back(rich_text(si));
    }
  }

  pugi::xml_document wb_doc;
  MAMORI_RETURN_IF_ERROR(parse_xml(wb_doc, *workbook, limits, "bad_workbook"));
  std::vector<Sheet> sheets;
  size_t held = 0;  // rows and cells allocated, over every sheet (XlsxLimits::max_cells)
  auto hold = [&](size_t more) { return (held += more) <= limits.max_cells; };
  for (auto s : wb_doc.child("workbook").child("sheets").children("sheet")) {
    Sheet sheet;
    sheet.name = s.attribute("name").value();
    std::string_view state = s.attribute("state").value();
    sheet.hidden = state == "hidden" || state == "veryHidden";
    auto it = rel_targets.find(s.attribute("r:id").value());
    if (it == rel_targets.end()) return broken("dangling_sheet");
    MAMORI_ASSIGN_OR_RETURN(auto xml, zip.read(resolve_target(it->second)));
    if (!xml) return broken("sheet_missing", {{"sheet", sheet.name}});
    pugi::xml_document doc;
    MAMORI_RETURN_IF_ERROR(parse_xml(doc, *xml, limits, "bad_sheet", {{"sheet", sheet.name}}));
    xml.reset();
    for (auto row : doc.child("worksheet").child("sheetData").children("row")) {
      size_t r = sheet.rows.size();
      if (auto attr = row.attribute("r")) {
        auto parsed = row_index(attr.value());
        if (!parsed) return broken("bad_row");
        r = *parsed;
      } else if (r > 1048575) {
        return broken("bad_row");
      }
      if (sheet.rows.size() <= r) {
        if (!hold(r + 1 - sheet.rows.size())) return too_large("cells", limits.max_cells);
        sheet.rows.resize(r + 1);
      }
      auto& cells = sheet.rows[r];
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
        if (c.child("f")) {
          if (!hold(1)) return too_large("cells", limits.max_cells);
          sheet.formulas.emplace_back(r, static_cast<size_t>(col));
        }
        if (cells.size() <= static_cast<size_t>(col)) {
          if (!hold(static_cast<size_t>(col) + 1 - cells.size())) return too_large("cells", limits.max_cells);
          cells.resize(static_cast<size_t>(col) + 1);
        }
        cells[static_cast<size_t>(col)] = std::move(value);
      }
    }
    sheets.push_back(std::move(sheet));
  }
  if (sheets.empty()) return broken("no_sheets");
  return sheets;
}

Result<std::vector<Sheet>> read_xlsx(const std::string& path, const XlsxLimits& limits) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound("file_unreadable", {{"path", path}});
  const auto size = static_cast<size_t>(std::max<std::streamoff>(0, in.tellg()));
  if (size > limits.max_file_bytes) return too_large("file", limits.max_file_bytes);
  in.seekg(0);
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!in) return Status::NotFound("file_unreadable", {{"path", path}});
  return read_xlsx_bytes(bytes, limits);
}

}  // namespace mamori::io
