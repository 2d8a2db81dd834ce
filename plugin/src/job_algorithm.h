// A QGIS processing algorithm built from a job's declaration (firebeat/job.h): a feature-source
// parameter per input layer with a field parameter per declared field (the data model's name as
// default), a parameter per option (number, enum, boolean, string, date-time, field) with the
// spec's default, help and advanced flag, and the outputs as feature sinks, raster or file
// destinations. An algorithm file only names the algorithm and hands the job its parameters.
#pragma once

#include "algorithm_support.h"

#include "firebeat/job.h"
#include "firebeat/memory_source.h"

#include <QCoreApplication>
#include <qgsprocessingalgorithm.h>

#include <map>
#include <set>

namespace firebeat::qgis {

// "WINDOW_DAYS" for the key "window-days", "VILLAGES" for the input "villages".
QString parameterName(std::string_view key);
// "HAZARDS_SEVERITY_FIELD": the field parameter of a declared field, bound to its layer.
QString fieldParameterName(const InputLayer& layer, const InputField& field);

class JobAlgorithm : public QgsProcessingAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(JobAlgorithm)

  public:
    QString shortHelpString() const override;
    QString group() const override { return tr("Analysis"); }
    QString groupId() const override { return QStringLiteral("analysis"); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    virtual const JobSpec& spec() const = 0;

    // What a job's run hands back: the layers its sink outputs were written under when not the
    // spec's, and outputs of the algorithm's own (validate's counts).
    struct RunOutputs {
        std::map<std::string, std::string> writtenLayers;
        QVariantMap extra;
    };
    // Runs the job on the copied layers and logs its notes on `feedback` (which may be null).
    virtual RunOutputs analyse(const JobSource& source, const JobParameters& job, Progress* progress,
                               QgsProcessingFeedback* feedback) const = 0;
    // The inputs copied with every field, not only the declared ones (a job that keeps a layer's
    // own fields or reads fields it does not declare).
    virtual std::set<std::string> inputsWithAllFields(const JobParameters&) const { return {}; }

    // Copies the input layers, runs the job, fills the outputs: the same for every job.
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) final;

    // Adds the spec's parameters (layers and their fields, options, then GCJ02, ANALYSIS_CRS and
    // REPAIR_GEOMETRIES when the job reads layers, then the outputs).
    void addJobParameters();
    // runCore() with the job's messages naming QGIS's parameters ("window-days: ..." becomes
    // "WINDOW_DAYS: ..."): the core names its options by their keys.
    template <class Work> bool runJob(Work&& work) const {
        try {
            return runCore(std::forward<Work>(work));
        } catch (const QgsProcessingException& e) {
            throw QgsProcessingException(withParameterNames(e.what()));
        }
    }
    QString withParameterNames(const QString& message) const;

    // The option values given, as text for the job, and the output paths: a feature sink's is a
    // temporary GeoPackage the job writes and finishOutputs() copies into the sink.
    JobParameters jobParameters(const QVariantMap& parameters, QgsProcessingContext& context) const;
    // The input layers copied into `memory` (FeatureCopy::copyInputs), with GCJ02, ANALYSIS_CRS and
    // REPAIR_GEOMETRIES applied.
    JobSource jobSource(const QVariantMap& parameters, QgsProcessingContext& context, MemorySource& memory,
                        Progress* progress = nullptr, const std::set<std::string>& allFields = {}) const;
    // After the job has written its outputs: fills the feature sinks, styles what QGIS loads with
    // styles/<layer>.qml, and answers the outputs (a sink's destination id, a file's path).
    // `writtenLayers`: the layer a sink output's job wrote when it is not the spec's (by output key).
    QVariantMap finishOutputs(const QVariantMap& parameters, QgsProcessingContext& context,
                              const JobParameters& job,
                              const std::map<std::string, std::string>& writtenLayers = {}) const;
};

// QCoreApplication::translate() of a text declared in the core, under the context "JobSpec".
QString translatedSpecText(const std::string& text);

} // namespace firebeat::qgis
