// Emerging hot spots against an independent computation in R (emerging_reference.R): spdep's
// queen neighbours and localG on a space-time neighbour list built in R, p.adjust's
// Benjamini-Hochberg over all bins, and a Mann-Kendall written in R. A grid of cells with a
// planted rising cluster, a fading one and an island; k = 1 and k = 2. Every bin's Gi* z agrees
// to 1e-9, its hot/cold class exactly, every trend z to 1e-9. Without Rscript and spdep the test
// is skipped, except under CI=true where it fails.
#include "firebeat/emerging.h"

#include "fixtures.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "require_tool.h"

#include <cmath>
#include <map>
#include <random>

using namespace firebeat;

namespace {

constexpr int kColumns = 7, kRows = 6, kMonths = 14;
constexpr double kX = 500000, kY = 2770000, kSide = 1000;

std::string squareWkt(double x, double y) {
    auto pt = [](double a, double b) { return std::to_string(a) + " " + std::to_string(b); };
    return "POLYGON((" + pt(x, y) + "," + pt(x + kSide, y) + "," + pt(x + kSide, y + kSide) + "," +
           pt(x, y + kSide) + "," + pt(x, y) + "))";
}

struct Cell {
    int id;
    double x, y; // lower-left corner
};

std::vector<Cell> cells() {
    std::vector<Cell> out;
    for (int r = 0; r < kRows; ++r)
        for (int c = 0; c < kColumns; ++c)
            out.push_back(
                {1000 - (r * kColumns + c) * 7, kX + c * kSide, kY + r * kSide}); // ids not in order
    out.push_back({5, kX + 20 * kSide, kY + 20 * kSide});                         // an island
    return out;
}

// Counts per cell and month: noise, a 3x3 cluster rising over the last months, a 2x2 one that
// stops after month 8.
std::vector<std::vector<int>> plantedCounts(const std::vector<Cell>& cs) {
    std::mt19937 random(2026);
    std::vector<std::vector<int>> x(cs.size(), std::vector<int>(kMonths));
    for (std::size_t i = 0; i < cs.size(); ++i) {
        const int c = static_cast<int>(i) % kColumns, r = static_cast<int>(i) / kColumns;
        for (int t = 0; t < kMonths; ++t) {
            x[i][t] = static_cast<int>(random() % 4);
            if (i < std::size_t{kRows * kColumns} && c >= 4 && r >= 3 && t >= 8)
                x[i][t] += 3 * (t - 7);
            if (i < std::size_t{kRows * kColumns} && c <= 1 && r <= 1 && t <= 8)
                x[i][t] += 9;
        }
    }
    return x;
}

QStringList splitCsv(const QString& line) {
    QStringList fields;
    for (const QString& f : line.split(','))
        fields << (f.startsWith('"') ? f.mid(1, f.size() - 2) : f);
    return fields;
}

} // namespace

class TestEmergingReference : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void agreesWithSpdep_data() {
        QTest::addColumn<int>("k");
        QTest::newRow("k=1") << 1;
        QTest::newRow("k=2") << 2;
    }

    void agreesWithSpdep() {
        QFETCH(int, k);
        QProcess probe;
        probe.start("Rscript", {"-e", "suppressPackageStartupMessages({library(spdep); library(sf)})"});
        const bool rReady = probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit &&
                            probe.exitCode() == 0;
        FIREBEAT_REQUIRE_TOOL(
            rReady,
            "Rscript with spdep and sf not found (apt-get install r-base-core r-cran-spdep r-cran-sf)");

        const std::vector<Cell> cs = cells();
        const auto counts = plantedCounts(cs);
        QTemporaryDir dir;
        const QString gpkg = dir.filePath("cells.gpkg");
        const QString countsCsv = dir.filePath("counts.csv");
        const QString out = dir.filePath("r.csv");
        {
            test::FixtureSource f(gpkg.toStdString());
            f.addLayer("cells", "polygon", 4543, {{"id", "integer"}});
            for (const Cell& c : cs)
                f.addFeature("cells", squareWkt(c.x, c.y), {{"id", std::to_string(c.id)}});
            f.close();
            QFile file(countsCsv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("id,t,count\n");
            for (std::size_t i = 0; i < cs.size(); ++i)
                for (int t = 0; t < kMonths; ++t)
                    file.write(QString("%1,%2,%3\n").arg(cs[i].id).arg(t).arg(counts[i][t]).toUtf8());
        }
        QProcess r;
        r.start("Rscript", {FIREBEAT_SOURCE_DIR "/tests/algorithms/emerging_reference.R", gpkg, countsCsv,
                            QString::number(k), out});
        QVERIFY(r.waitForFinished(300000));
        QVERIFY2(r.exitCode() == 0, r.readAllStandardError().constData());

        // FireBeat from the same layer: events at the cells' centres, months 2025-01 .. 2026-02.
        JobParameters p(emergingJob());
        p.set("id-field", "id");
        p.set("reference-date", "2026-02-10");
        p.set("neighbourhood-steps", std::to_string(k));
        {
            test::FixtureSource f(dir.filePath("events.gpkg").toStdString());
            f.addLayer("villages", "polygon", 4543, {{"id", "integer"}});
            for (const Cell& c : cs)
                f.addFeature("villages", squareWkt(c.x, c.y), {{"id", std::to_string(c.id)}});
            f.addLayer("hazards", "point", 4543, {{"found_at", "text"}});
            for (std::size_t i = 0; i < cs.size(); ++i)
                for (int t = 0; t < kMonths; ++t) {
                    const int month = t % 12 + 1, year = 2025 + t / 12;
                    char stamp[32];
                    std::snprintf(stamp, sizeof stamp, "%04d-%02d-15T12:00:00+08:00", year, month);
                    for (int e = 0; e < counts[i][t]; ++e)
                        f.addFeature("hazards",
                                     "POINT(" + std::to_string(cs[i].x + 500) + " " +
                                         std::to_string(cs[i].y + 500) + ")",
                                     {{"found_at", stamp}});
                }
            f.close();
        }
        const EmergingInput in = readEmergingInput(JobSource{dir.filePath("events.gpkg").toStdString()}, p);
        const EmergingResult res = analyseEmerging(in, emergingOptions(p));
        QCOMPARE(res.months, std::size_t{kMonths});

        std::map<std::pair<std::string, int>, QStringList> rrows;
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        file.readLine();
        while (!file.atEnd()) {
            const QStringList f = splitCsv(QString::fromUtf8(file.readLine()).trimmed());
            rrows[{f[0].toStdString(), f[1].toInt()}] = f;
        }
        QCOMPARE(rrows.size(), cs.size() * kMonths);
        double worstZ = 0, worstTrend = 0;
        int hot = 0, cold = 0;
        for (std::size_t row = 0; row < res.rows.size(); ++row) {
            const std::string& id = in.locations[res.order[row]].id;
            for (int t = 0; t < kMonths; ++t) {
                const QStringList& f = rrows.at({id, t});
                const std::size_t b = row * kMonths + static_cast<std::size_t>(t);
                QCOMPARE(res.counts[b], static_cast<std::uint32_t>(counts[res.order[row]][t]));
                QCOMPARE(res.rows[row].neighbours, static_cast<std::size_t>(f[2].toInt()));
                QVERIFY(res.gi.z[b].has_value());
                worstZ = std::max(worstZ, std::fabs(*res.gi.z[b] - f[3].toDouble()));
                QCOMPARE(static_cast<int>(res.binClass[b]), f[4].toInt());
                hot += res.binClass[b] > 0;
                cold += res.binClass[b] < 0;
                worstTrend = std::max(worstTrend, std::fabs(res.rows[row].cls.trend.z - f[5].toDouble()));
            }
        }
        qInfo("k = %d: worst |dz| %.3g, worst |d trend_z| %.3g, %d hot and %d cold bins", k, worstZ,
              worstTrend, hot, cold);
        QVERIFY(worstZ < 1e-9);
        QVERIFY(worstTrend < 1e-9);
        QVERIFY(hot > 0); // the planted clusters are found, so the comparison covers both classes
        QCOMPARE(res.islands, std::vector<std::string>{"5"});
    }
};

QTEST_GUILESS_MAIN(TestEmergingReference)
#include "test_emerging_reference.moc"
