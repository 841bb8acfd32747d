#include "io/table_sink.h"

#include <iconv.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include <unistd.h>

#include "base/private_file.h"
#include "domain/scoring.h"

namespace mamori::io {

namespace {

// A number as its shortest text (15 significant digits: no binary residue such as
// 65.40000000000001).
std::string number_text(double d) {
  char buf[32];
  if (d == static_cast<double>(static_cast<long long>(d))) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
  else std::snprintf(buf, sizeof buf, "%.15g", d);
  return buf;
}

std::string cell_text(const Cell& c) {
  if (auto s = std::get_if<std::string>(&c)) return *s;
  if (auto d = std::get_if<double>(&c)) return number_text(*d);
  if (auto p = std::get_if<ports::Percent>(&c)) return analytics::percent_text(p->tenths);
  return {};
}

// Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
// apostrophe, unless it is a plain number: answers are typed by bodies and opened by MIC.
std::string defused(const std::string& s) {
  if (s.empty() || std::string_view("=+-@\t\r").find(s[0]) == std::string_view::npos) return s;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  if (end && *end == '\0') return s;
  return "'" + s;
}

std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

// Length of the UTF-8 sequence starting with `lead`.
size_t utf8_len(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

std::string code_point(const std::string& ch) {
  uint32_t cp = 0;
  auto b = reinterpret_cast<const unsigned char*>(ch.data());
  if (ch.size() == 1) cp = b[0];
  else if (ch.size() == 2) cp = ((b[0] & 0x1F) << 6) | (b[1] & 0x3F);
  else if (ch.size() == 3) cp = ((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F);
  else if (ch.size() >= 4) cp = ((b[0] & 0x07) << 18) | ((b[1] & 0x3F) << 12) | ((b[2] & 0x3F) << 6) | (b[3] & 0x3F);
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", cp);
  return buf;
}

class CsvSink final : public TableSink {
 public:
  CsvSink(FILE* f, CsvEncoding enc, std::vector<std::string> header) : f_(f), enc_(enc), header_(std::move(header)) {
    if (enc_ == CsvEncoding::kCp932) cd_ = iconv_open("CP932", "UTF-8");
  }
  ~CsvSink() override {
    if (f_) std::fclose(f_);
    if (cd_ != reinterpret_cast<iconv_t>(-1)) iconv_close(cd_);
  }
  bool ready() const { return enc_ != CsvEncoding::kCp932 || cd_ != reinterpret_cast<iconv_t>(-1); }

  void start() {
    if (enc_ == CsvEncoding::kUtf8Bom) std::fputs("\xEF\xBB\xBF", f_);
    std::vector<Cell> h(header_.begin(), header_.end());
    row(h);
  }

  void row(const std::vector<Cell>& cells) override {
    ++line_;
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += quoted(encode(defused(cell_text(cells[i])), i));
    }
    out += "\r\n";
    if (std::fwrite(out.data(), 1, out.size(), f_) != out.size()) io_error_ = true;
  }

  Status finish() override {
    bool bad = std::fclose(f_) != 0 || io_error_;
    f_ = nullptr;
    if (bad) return Status::Internal("writing the CSV file failed");
    if (unrepresentable_ == 0) return Status::Ok();
    return Status::FailedPrecondition("cp932_unrepresentable", {{"count", std::to_string(unrepresentable_)},
                                                               {"examples_ja", examples_ja_},
                                                               {"examples_en", examples_en_}});
  }

 private:
  // UTF-8 → CP932; a character CP932 lacks is counted and named, and left out of this
  // (then refused) file.
  std::string encode(const std::string& s, size_t column) {
    if (enc_ != CsvEncoding::kCp932 || s.empty()) return s;
    std::string out(s.size() * 2 + 8, '\0');
    char* in = const_cast<char*>(s.data());
    size_t in_left = s.size();
    char* o = out.data();
    size_t out_left = out.size();
    while (in_left > 0) {
      if (iconv(cd_, &in, &in_left, &o, &out_left) != static_cast<size_t>(-1)) break;
      if (errno != EILSEQ && errno != EINVAL) break;
      size_t n = std::min(utf8_len(static_cast<unsigned char>(*in)), in_left);
      std::string ch(in, n);
      if (++unrepresentable_ <= 5) {
        std::string col = column < header_.size() ? header_[column] : std::to_string(column + 1);
        std::string sep = unrepresentable_ > 1 ? "、" : "";
        examples_ja_ += sep + std::to_string(line_) + "行目「" + col + "」の「" + ch + "」(" + code_point(ch) + ")";
        examples_en_ += std::string(unrepresentable_ > 1 ? "; " : "") + "line " + std::to_string(line_) + ", " + col +
                        ": '" + ch + "' (" + code_point(ch) + ")";
      }
      in += n;
      in_left -= n;
    }
    out.resize(out.size() - out_left);
    return out;
  }

  FILE* f_;
  CsvEncoding enc_;
  std::vector<std::string> header_;
  iconv_t cd_ = reinterpret_cast<iconv_t>(-1);
  int64_t line_ = 0;
  int64_t unrepresentable_ = 0;
  std::string examples_ja_, examples_en_;
  bool io_error_ = false;
};

class XlsxSink final : public TableSink {
 public:
  XlsxSink(lxw_workbook* wb, lxw_worksheet* ws) : wb_(wb), ws_(ws), percent_(workbook_add_format(wb)) {
    format_set_num_format(percent_, "0.0%");
  }
  ~XlsxSink() override {
    if (wb_) workbook_close(wb_);
  }
  void row(const std::vector<Cell>& cells) override {
    for (size_t c = 0; c < cells.size(); ++c) {
      auto col = static_cast<lxw_col_t>(c);
      lxw_error e = LXW_NO_ERROR;
      if (auto s = std::get_if<std::string>(&cells[c]); s && !s->empty())
        e = worksheet_write_string(ws_, row_, col, s->c_str(), nullptr);
      else if (auto d = std::get_if<double>(&cells[c]))
        e = worksheet_write_number(ws_, row_, col, *d, nullptr);
      else if (auto p = std::get_if<ports::Percent>(&cells[c]))  // the API's fraction: 0.674 shown 67.4%
        e = worksheet_write_number(ws_, row_, col, static_cast<double>(p->tenths) / 1000.0, percent_);
      if (e != LXW_NO_ERROR && first_error_ == LXW_NO_ERROR) first_error_ = e;  // too many rows, too long a text
    }
    ++row_;
  }
  Status finish() override {
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (first_error_ != LXW_NO_ERROR) e = first_error_;
    if (e != LXW_NO_ERROR) return Status::Internal(std::string("xlsx: ") + lxw_strerror(e));
    return Status::Ok();
  }

 private:
  lxw_workbook* wb_;
  lxw_worksheet* ws_;
  lxw_format* percent_;  // owned by the workbook
  lxw_row_t row_ = 0;
  lxw_error first_error_ = LXW_NO_ERROR;
};

}  // namespace

Result<std::unique_ptr<TableSink>> open_csv(const std::string& path, CsvEncoding encoding,
                                            const std::vector<std::string>& header) {
  MAMORI_ASSIGN_OR_RETURN(int fd, create_private_file(path));
  FILE* f = ::fdopen(fd, "wb");
  if (!f) {
    ::close(fd);
    return Status::Internal("cannot create " + path);
  }
  auto sink = std::make_unique<CsvSink>(f, encoding, header);
  if (!sink->ready()) return Status::Internal("iconv has no CP932 converter");
  sink->start();
  return std::unique_ptr<TableSink>(std::move(sink));
}

Result<std::unique_ptr<TableSink>> open_xlsx(const std::string& path, const std::string& sheet,
                                             const std::vector<std::string>& header) {
  MAMORI_RETURN_IF_ERROR(reserve_private_file(path));
  lxw_workbook_options opts{};
  opts.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
  if (!wb) return Status::Internal("cannot create " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  auto sink = std::make_unique<XlsxSink>(wb, ws);
  std::vector<Cell> h(header.begin(), header.end());
  sink->row(h);
  return std::unique_ptr<TableSink>(std::move(sink));
}

}  // namespace mamori::io
