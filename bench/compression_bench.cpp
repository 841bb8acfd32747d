// gzip levels on real answers of the API: size and time per level, to choose
// http::CompressionOptions::level (docs/PERFORMANCE.md, "Compression").
//
//   bench_compression FILE...      (bench/compression.sh fetches the files from a demo server)
//
// For each file and each level 1…9: the compressed size, its ratio, and the median time of
// 21 compressions on this thread.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "http/compression.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE...\n", argv[0]);
    return 2;
  }
  std::printf("%-28s %9s  %s\n", "answer", "bytes", "level: compressed bytes (ratio) median time");
  for (int f = 1; f < argc; ++f) {
    std::ifstream in(argv[f], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string data = ss.str();
    std::string name = argv[f];
    name = name.substr(name.rfind('/') + 1);
    std::printf("%-28s %9zu\n", name.c_str(), data.size());
    for (int level = 1; level <= 9; ++level) {
      std::vector<double> us;
      size_t size = 0;
      for (int i = 0; i < 21; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        size = mamori::http::gzip(data, level).size();
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
      }
      std::nth_element(us.begin(), us.begin() + 10, us.end());
      std::printf("    level %d: %9zu (%5.1f %%) %9.0f µs\n", level, size,
                  100.0 * static_cast<double>(size) / static_cast<double>(data.size()), us[10]);
    }
  }
  return 0;
}
