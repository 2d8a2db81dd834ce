// Reference comparison with R spdep (Debian's r-cran-spdep) on generated villages: Voronoi cells
// with planted hot and cold clusters, multipart villages and an island. Neighbour lists must be
// identical, Gi* z and Local Moran's I agree to 1e-9, classes (plain and FDR) exactly, and the
// empirical-Bayes rates to 1e-12. Without Rscript or spdep it skips (fails under CI=true).
#include "firebeat/hotspot_statistics.h"
#include "firebeat/rates.h"
#include "require_tool.h"

#include "hotspots_villages.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace firebeat;

namespace {

constexpr double kThreshold = 1500; // metres; cells are ~1000 m across
constexpr int kK = 6;

struct RRow {
    std::size_t card = 0;
    std::string nbrs;
    double giZ = NAN;
    int bin = 0;
    int binFdr = 0;
    double lisaI = NAN;
    double eb = NAN;
};

// A quoted-CSV line as written by R's write.csv (no embedded quotes in our fields).
QStringList splitCsv(const QString& line) {
    QStringList fields;
    for (const QString& f : line.split(','))
        fields << (f.startsWith('"') ? f.mid(1, f.size() - 2) : f);
    return fields;
}

double number(const QString& s) {
    return s == "NA" ? NAN : s.toDouble();
}

// (kind, id) -> R's row.
std::map<std::pair<std::string, std::string>, RRow> readR(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    std::map<std::pair<std::string, std::string>, RRow> out;
    file.readLine(); // header
    while (!file.atEnd()) {
        const QStringList f = splitCsv(QString::fromUtf8(file.readLine()).trimmed());
        RRow r;
        r.card = f[2].toULong();
        r.nbrs = f[3].toStdString();
        r.giZ = number(f[4]);
        r.bin = f[5].toInt();
        r.binFdr = f[6].toInt();
        r.lisaI = number(f[7]);
        r.eb = number(f[8]);
        out[{f[0].toStdString(), f[1].toStdString()}] = r;
    }
    return out;
}

std::string joinedNeighbours(const SpatialWeights& w, const std::vector<Area>& areas, std::size_t i) {
    std::vector<std::string> ids;
    for (std::uint32_t j : w.neighbours(i))
        ids.push_back(areas[j].id);
    std::sort(ids.begin(), ids.end());
    std::string out;
    for (const std::string& id : ids)
        out += (out.empty() ? "" : ";") + id;
    return out;
}

} // namespace

class TestHotspotsReference : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void agreesWithSpdep() {
        QProcess probe;
        probe.start("Rscript", {"-e", "suppressPackageStartupMessages({library(spdep); library(sf)})"});
        const bool found = probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit &&
                           probe.exitCode() == 0;
        FIREBEAT_REQUIRE_TOOL(
            found,
            "Rscript with spdep and sf not found (apt-get install r-base-core r-cran-spdep r-cran-sf)");

        const test::GeneratedVillages villages = test::plantedVillages(400, 20000, 3, 2024);
        QTemporaryDir dir;
        const QString gpkg = dir.filePath("villages.gpkg");
        const QString csv = dir.filePath("spdep.csv");
        test::writeVillagesGpkg(gpkg.toStdString(), villages);
        QProcess r;
        r.start("Rscript", {FIREBEAT_SOURCE_DIR "/tests/algorithms/hotspots_reference.R", gpkg,
                            QString::number(kThreshold), QString::number(kK), csv});
        QVERIFY(r.waitForFinished(300000));
        QVERIFY2(r.exitCode() == 0, r.readAllStandardError().constData());
        const auto spdep = readR(csv);
        const std::vector<Area>& areas = villages.areas;
        QCOMPARE(spdep.size(), 4 * areas.size());

        std::map<std::string, WeightsOptions> kinds;
        kinds["queen"].kind = WeightsKind::Queen;
        kinds["rook"].kind = WeightsKind::Rook;
        kinds["distance"].kind = WeightsKind::DistanceBand;
        kinds["distance"].threshold = kThreshold;
        kinds["knn"].kind = WeightsKind::KNearest;
        kinds["knn"].k = kK;
        for (auto& [name, options] : kinds) {
            options.tolerance = 1e-6; // spdep's snap below
            const SpatialWeights w = buildWeights(areas, options);
            const std::vector<GiStar> gi = getisOrdGiStar(villages.values, w);
            const std::vector<LocalMoran> lisa = localMoran(villages.values, w, {});
            double worstZ = 0, worstI = 0;
            int hot = 0, cold = 0;
            for (std::size_t i = 0; i < areas.size(); ++i) {
                const RRow& s = spdep.at({name, areas[i].id});
                const std::string where = name + " " + areas[i].id;
                QCOMPARE(w.neighbours(i).size(), s.card);
                QVERIFY2(joinedNeighbours(w, areas, i) == s.nbrs, where.c_str());
                QCOMPARE(gi[i].z.has_value(), !std::isnan(s.giZ));
                if (!gi[i].z)
                    continue;
                worstZ = std::max(worstZ, std::abs(*gi[i].z - s.giZ));
                worstI = std::max(worstI, std::abs(*lisa[i].i - s.lisaI));
                QVERIFY2(std::abs(*gi[i].z - s.giZ) < 1e-9, where.c_str());
                QVERIFY2(std::abs(*lisa[i].i - s.lisaI) < 1e-9, where.c_str());
                QVERIFY2(gi[i].bin == s.bin, where.c_str());
                QVERIFY2(gi[i].binFdr == s.binFdr, where.c_str());
                hot += gi[i].binFdr == 3 ? 1 : 0;
                cold += gi[i].binFdr == -3 ? 1 : 0;
            }
            qInfo("%s: %zu links, max |dz| %.2e, max |dI| %.2e, %d hot and %d cold at 99 %% FDR",
                  name.c_str(), w.info().links, worstZ, worstI, hot, cold);
            QVERIFY(hot > 0); // the planted clusters are found
        }

        // Default band: the largest nearest-neighbour distance (the island's here).
        QFile band(csv + ".band");
        QVERIFY(band.open(QIODevice::ReadOnly));
        WeightsOptions defaultBand;
        defaultBand.kind = WeightsKind::DistanceBand;
        const double rBand = band.readAll().trimmed().toDouble();
        QVERIFY(std::abs(buildWeights(areas, defaultBand).info().threshold - rBand) <= 1e-12 * rBand);

        const EmpiricalBayes eb = empiricalBayes(villages.values, villages.population);
        for (std::size_t i = 0; i < areas.size(); ++i)
            QVERIFY(std::abs(eb.rates[i] - spdep.at({"queen", areas[i].id}).eb) < 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestHotspotsReference)
#include "test_hotspots_reference.moc"
