// Every job's declaration is consistent (keys, defaults, choices, field options bound to a declared
// layer), and docs/inputs.md is what the declarations generate.
#include "firebeat/job_catalogue.h"
#include "firebeat/progress.h"

#include <QFile>
#include <QtTest>

#include <set>

using namespace firebeat;

class TestJobCatalogue : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void declarationsAreConsistent() {
        const auto jobs = jobCatalogue();
        QVERIFY(jobs.size() >= 3);
        std::set<std::string> names;
        for (const JobSpec* job : jobs) {
            QVERIFY2(names.insert(job->name).second, job->name.c_str());
            QVERIFY2(!job->title.empty() && !job->help.empty(), job->name.c_str());
            std::set<std::string> keys;
            for (const InputLayer& layer : job->inputs) {
                QVERIFY2(keys.insert(layer.key).second, layer.key.c_str());
                std::set<std::string> fields;
                for (const InputField& f : layer.fields)
                    QVERIFY2(fields.insert(f.key).second, f.key.c_str());
            }
            const JobParameters defaults(*job);
            for (const OptionSpec& o : job->options) {
                QVERIFY2(keys.insert(o.key).second, (job->name + " " + o.key).c_str());
                QVERIFY2(!o.help.empty(), o.key.c_str());
                if (o.type == OptionType::Field)
                    QVERIFY2(job->input(o.layer), o.key.c_str());
                if (o.type == OptionType::Choice) {
                    QVERIFY2(!o.choices.empty(), o.key.c_str());
                    QCOMPARE(o.choices[defaults.choice(o.key)], o.defaultValue);
                }
                // Every default is a value its own getter accepts.
                if (o.type == OptionType::Integer && !o.defaultValue.empty())
                    defaults.integer(o.key);
                if (o.type == OptionType::Real && !o.defaultValue.empty())
                    defaults.real(o.key);
            }
            for (const OutputSpec& out : job->outputs)
                QVERIFY2(keys.insert(out.key).second, out.key.c_str());
        }
    }

    void docsInputsIsGenerated() {
        QFile file(FIREBEAT_SOURCE_DIR "/docs/inputs.md");
        QVERIFY2(file.open(QIODevice::ReadOnly), "docs/inputs.md is missing");
        const std::string generated = inputsMarkdown(jobCatalogue());
        QVERIFY2(file.readAll().toStdString() == generated,
                 "docs/inputs.md differs from the jobs' declarations: regenerate it with "
                 "`build/server/firebeat inputs --markdown > docs/inputs.md`");
        QVERIFY(generated.find("| `districts` (polygons) | yes | `district_id`") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestJobCatalogue)
#include "test_job_catalogue.moc"
