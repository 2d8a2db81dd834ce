#include "hotspots_algorithm.h"

#include "algorithm_support.h"
#include "feedback_progress.h"

#include "firebeat/hotspots_job.h"

namespace firebeat::qgis {

QIcon HotspotsAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/hotspots.svg"));
}

const JobSpec& HotspotsAlgorithm::spec() const {
    return hotspotsJobSpec();
}

void HotspotsAlgorithm::initAlgorithm(const QVariantMap&) {
    addJobParameters();
}

QVariantMap HotspotsAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                                QgsProcessingFeedback* feedback) {
    const JobParameters job = jobParameters(parameters, context);
    FeedbackProgress progress(feedback);
    std::string written;
    if (!runJob([&] {
            MemorySource memory;
            ProgressSlice copying(&progress, 0, 0.2), running(&progress, 0.2, 1);
            // A layer's own field: the output keeps every field of the layer.
            const std::set<std::string> allFields =
                job.has("value-field") ? std::set<std::string>{"villages"} : std::set<std::string>{};
            const HotspotsJobResult run =
                runHotspotsJob(jobSource(parameters, context, memory, &copying, allFields), job, &running);
            reportProblems(run.read.report, feedback);
            if (feedback)
                for (const std::string& note : run.notes)
                    feedback->pushInfo(QString::fromStdString(note));
            written = run.outputLayer;
        }))
        return {};
    return finishOutputs(parameters, context, job, {{"output", written}});
}

} // namespace firebeat::qgis
