// JobCommand: a subcommand's options built from a job's declaration, and what the user gives
// turned into the job's parameters and source.
#include "job_command.h"

#include "firebeat/filter_options.h"

#include <QtTest>

using namespace firebeat;
using namespace firebeat::cli;

namespace {

JobSpec exampleSpec() {
    JobSpec s;
    s.name = "example";
    s.help = "An example job.";
    s.inputs = {
        {.key = "villages", .kind = LayerKind::Villages, .geometry = GeometryKind::Polygon},
        {.key = "hazards", .kind = LayerKind::Hazards, .geometry = GeometryKind::Point, .required = false}};
    s.options = hazardFilterOptions();
    s.options.push_back(
        {.key = "permutations", .type = OptionType::Integer, .defaultValue = "999", .minimum = 0});
    s.options.push_back(
        {.key = "weights", .type = OptionType::Choice, .defaultValue = "queen", .choices = {"queen", "knn"}});
    s.outputs = {{.key = "output", .formats = {"gpkg"}}};
    return s;
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

} // namespace

class TestCliJobCommand : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void valuesBecomeTheJobsParameters() {
        const JobSpec spec = exampleSpec();
        JobCommand c(spec);
        c.parse({"firebeat example", "--input", "in.gpkg", "--villages-layer", "t_village", "--permutations",
                 "99", "--open-only", "--categories", "EBIKE,HYDRANT", "--output", "out.gpkg", "--json"});
        const JobParameters p = c.parameters();
        QCOMPARE(p.integer("permutations"), 99LL);
        QCOMPARE(p.choice("weights"), std::size_t{0}); // the spec's default
        QCOMPARE(p.output("output"), std::string("out.gpkg"));
        const HazardFilter f = hazardFilterFrom(p);
        QCOMPARE(f.status, HazardFilter::Status::Open);
        QCOMPARE(f.categories.size(), std::size_t{2});
        QCOMPARE(f.minSeverity, 1);
        QVERIFY(c.json() && c.quiet());
        const JobSource s = c.source();
        QCOMPARE(s.name, std::string("in.gpkg"));
        QCOMPARE(s.read.mapping.layer(LayerKind::Villages), std::string("t_village"));
        QCOMPARE(s.read.mapping.layer(LayerKind::Hazards), std::string("hazards"));
        ReadOptions read = s.read;
        selectInputLayers(spec, read);
        QCOMPARE(read.layers, (std::set<LayerKind>{LayerKind::Villages, LayerKind::Hazards}));
        QCOMPARE(read.optionalLayers, std::set<LayerKind>{LayerKind::Hazards});
        QVERIFY(c.parser().helpText().contains("--hazards-layer"));
        QVERIFY(c.parser().helpText().contains("(default: 999)"));
    }

    void mistakesNameTheOption() {
        const JobSpec spec = exampleSpec();
        JobCommand positional(spec);
        positional.parse({"firebeat example", "in.gpkg", "--map", "villages=v1", "--villages-layer", "v2",
                          "--weights", "rook"});
        QCOMPARE(errorOf([&] { positional.source(); }),
                 std::string(
                     "--villages-layer: 'v2', but the mapping names the villages layer 'v1': give its name "
                     "in one of them"));
        QCOMPARE(errorOf([&] { positional.parameters().choice("weights"); }),
                 std::string("weights: expected one of queen, knn, got \"rook\""));
        QCOMPARE(errorOf([&] { positional.parameters().output("output"); }),
                 std::string("output: an output path is required"));
        JobCommand none(spec);
        none.parse({"firebeat example"});
        QCOMPARE(errorOf([&] { none.source(); }), std::string("--input: a data source is required"));
        JobCommand filters(spec);
        filters.parse(
            {"firebeat example", "--from", "2026-07-01", "--to", "2026-06-01", "--min-severity", "4"});
        QCOMPARE(errorOf([&] { hazardFilterFrom(filters.parameters()); }),
                 std::string("from: must be before to"));
    }
};

QTEST_GUILESS_MAIN(TestCliJobCommand)
#include "test_cli_job_command.moc"
