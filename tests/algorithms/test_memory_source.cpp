// MemorySource: features handed over one by one read back by the reader as from a file, with
// their ids, types, dates and CRS.
#include "firebeat/memory_source.h"
#include "firebeat/reader.h"

#include <QtTest>

using namespace firebeat;

namespace {

// ISO WKB of a 2D point, little-endian.
std::vector<std::uint8_t> pointWkb(double x, double y) {
    std::vector<std::uint8_t> out(21);
    out[0] = 1;
    const std::uint32_t type = 1;
    std::memcpy(out.data() + 1, &type, 4);
    std::memcpy(out.data() + 5, &x, 8);
    std::memcpy(out.data() + 13, &y, 8);
    return out;
}

} // namespace

class TestMemorySource : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void featuresReadBackAsFromAFile() {
        MemorySource memory;
        memory.addLayer("hazards", "EPSG:32648", 1,
                        {{"hazard_id", FieldType::Text},
                         {"category", FieldType::Text},
                         {"severity", FieldType::Integer},
                         {"found_at", FieldType::DateTime},
                         {"rectified_at", FieldType::DateTime}});
        using V = MemorySource::Value;
        const V a[] = {std::string("H1"), std::string("EBIKE"), std::int64_t{2},
                       std::string("2026-03-01T09:30:00"), std::monostate{}};
        const V b[] = {std::string("H2"), std::string("HYDRANT"), std::int64_t{7},
                       std::string("2026-03-01T01:30:00Z"), std::string("2026-03-02")};
        const V c[] = {std::string("H3"), std::string("HYDRANT"), std::int64_t{3},
                       std::string("2026-03-01T01:30:00Z"), std::string("2026-03-02")};
        memory.addFeature(17, a, pointWkb(500000, 2760000));
        memory.addFeature(4, b, pointWkb(500010, 2760010));
        memory.addFeature(-3, c, pointWkb(500020, 2760020)); // not yet saved in the host: a fresh id
        ReadOptions options;
        options.layers = {LayerKind::Hazards};
        options.checkConsistency = false;
        options.analysisCrs = "EPSG:32648";
        const ReadResult read = readDataset(memory.path(), options);
        QCOMPARE(read.data.hazards.size(), std::size_t{2});
        const Hazard& h = read.data.hazards[0];
        QCOMPARE(h.fid, std::int64_t{17});
        QCOMPARE(h.id, std::string("H1"));
        QCOMPARE(h.severity, 2);
        QCOMPARE(h.foundAt, makeTimestamp(2026, 3, 1, 9, 30)); // a bare time: China Standard Time
        QCOMPARE(h.position, (Point{500000, 2760000}));        // the layer's own CRS, untouched
        QVERIFY(!h.rectifiedAt);
        const Hazard& h3 = read.data.hazards[1];
        QCOMPARE(h3.foundAt, makeTimestamp(2026, 3, 1, 9, 30)); // 01:30 UTC
        QCOMPARE(*h3.rectifiedAt, makeTimestamp(2026, 3, 2));
        QVERIFY(h3.fid != 4 && h3.fid != 17 && h3.fid > 0);
        // Severity 7 is the reader's problem, named with the host's feature id.
        QCOMPARE(read.report.count("invalid_value"), std::size_t{1});
        QCOMPARE(read.report.problems().front().fid, std::optional<std::int64_t>(4));
    }

    void anUnknownCrsIsAnInputError() {
        MemorySource memory;
        QVERIFY_THROWS_EXCEPTION(InputError, memory.addLayer("hazards", "EPSG:999999", 1, {}));
    }
};

QTEST_GUILESS_MAIN(TestMemorySource)
#include "test_memory_source.moc"
