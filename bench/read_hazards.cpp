// Times reading the hazards layer (geometry and the fields the analyses use) into memory
// through firebeat's reader, as the heatmap command does.
#include "firebeat/reader.h"

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: firebeat_read_bench SOURCE [repeats]\n");
        return 2;
    }
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    firebeat::ReadOptions options;
    options.layers = {firebeat::LayerKind::Hazards};
    options.checkConsistency = false;
    double best = 1e9;
    std::size_t n = 0;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const firebeat::ReadResult r = firebeat::readDataset(argv[1], options);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best = std::min(best, s);
        n = r.data.hazards.size();
    }
    std::printf("%s: %zu hazards read, best of %d: %.3f s (%.0f hazards/s)\n", argv[1], n, repeats, best,
                n / best);
    return 0;
}
