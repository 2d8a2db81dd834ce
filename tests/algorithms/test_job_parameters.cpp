// JobParameters: values checked against their declaration, defaults from the spec, errors that
// name the option.
#include "firebeat/job.h"
#include "firebeat/progress.h"
#include "firebeat/time.h"

#include <QtTest>

using namespace firebeat;

namespace {

JobSpec exampleSpec() {
    JobSpec s;
    s.name = "example";
    s.options = {
        {.key = "permutations",
         .type = OptionType::Integer,
         .help = "p",
         .defaultValue = "999",
         .minimum = 0},
        {.key = "threshold", .type = OptionType::Real, .help = "t", .minimum = 0},
        {.key = "weights",
         .type = OptionType::Choice,
         .help = "w",
         .defaultValue = "queen",
         .choices = {"queen", "rook", "distance", "knn"}},
        {.key = "open-only", .type = OptionType::Flag, .help = "o"},
        {.key = "reference-date", .type = OptionType::Date, .help = "r"},
        {.key = "categories", .type = OptionType::List, .help = "c"},
    };
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

class TestJobParameters : public QObject {
    Q_OBJECT
  private slots:
    void defaultsComeFromTheSpec() {
        const JobSpec spec = exampleSpec();
        JobParameters p(spec);
        QCOMPARE(p.integer("permutations"), 999LL);
        QCOMPARE(p.choice("weights"), std::size_t{0});
        QVERIFY(!p.flag("open-only"));
        QVERIFY(!p.optionalReal("threshold"));
        QVERIFY(!p.has("threshold"));
        QVERIFY(!p.given("permutations"));
        QVERIFY(p.list("categories").empty());
    }

    void givenValuesAreParsed() {
        const JobSpec spec = exampleSpec();
        JobParameters p(spec);
        p.set("permutations", "99");
        p.set("threshold", " 250.5 ");
        p.set("weights", "knn");
        p.set("open-only", "true");
        p.set("categories", "EBIKE, HYDRANT,,");
        QCOMPARE(p.integer("permutations"), 99LL);
        QCOMPARE(*p.optionalReal("threshold"), 250.5);
        QCOMPARE(p.choice("weights"), std::size_t{3});
        QVERIFY(p.flag("open-only"));
        QCOMPARE(p.list("categories"), (std::vector<std::string>{"EBIKE", "HYDRANT"}));
        p.set("permutations", "12.0"); // QGIS passes integers as numbers
        QCOMPARE(p.integer("permutations"), 12LL);
    }

    void aDateAloneMeansTheEndOfThatDay() {
        const JobSpec spec = exampleSpec();
        JobParameters p(spec);
        p.set("reference-date", "2026-06-30");
        QCOMPARE(*p.date("reference-date"), makeTimestamp(2026, 6, 30, 23, 59, 59));
        QCOMPARE(*p.date("reference-date", false), makeTimestamp(2026, 6, 30));
        p.set("reference-date", "2026-06-30T18:00");
        QCOMPARE(*p.date("reference-date"), makeTimestamp(2026, 6, 30, 18));
    }

    void errorsNameTheOption() {
        const JobSpec spec = exampleSpec();
        JobParameters p(spec);
        p.set("permutations", "-1");
        QCOMPARE(errorOf([&] { p.integer("permutations"); }),
                 std::string("permutations: expected an integer >= 0, got \"-1\""));
        p.set("permutations", "many");
        QCOMPARE(errorOf([&] { p.integer("permutations"); }),
                 std::string("permutations: expected an integer >= 0, got \"many\""));
        p.set("weights", "bishop");
        QCOMPARE(errorOf([&] { p.choice("weights"); }),
                 std::string("weights: expected one of queen, rook, distance, knn, got \"bishop\""));
        p.set("reference-date", "30/06/2026");
        QVERIFY(
            errorOf([&] { p.date("reference-date"); }).starts_with("reference-date: expected an ISO 8601"));
        p.set("open-only", "maybe");
        QCOMPARE(errorOf([&] { p.flag("open-only"); }),
                 std::string("open-only: expected true or false, got \"maybe\""));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.set("undeclared", "1"));
    }
};

QTEST_GUILESS_MAIN(TestJobParameters)
#include "test_job_parameters.moc"
