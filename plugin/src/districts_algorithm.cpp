#include "districts_algorithm.h"

#include "algorithm_support.h"
#include "feedback_progress.h"

#include "firebeat/districts.h"

namespace firebeat::qgis {

QIcon DistrictsAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/sizing.svg"));
}

const JobSpec& DistrictsAlgorithm::spec() const {
    return districtsJob();
}

void DistrictsAlgorithm::initAlgorithm(const QVariantMap&) {
    addJobParameters();
}

QVariantMap DistrictsAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                                 QgsProcessingFeedback* feedback) {
    const JobParameters job = jobParameters(parameters, context);
    FeedbackProgress progress(feedback);
    if (!runJob([&] {
            MemorySource memory;
            ProgressSlice copying(&progress, 0, 0.2), running(&progress, 0.2, 1);
            // Every field: the blocks' go to the output, the sizing model reads the units' and
            // inspections' by their data-model names.
            const std::set<std::string> all{"villages", "units", "inspections", "stations", "districts"};
            const DistrictJobResult run =
                runDistrictsJob(jobSource(parameters, context, memory, &copying, all), job, &running);
            if (feedback)
                for (const std::string& note : run.design.notes)
                    feedback->pushInfo(QString::fromStdString(note));
        }))
        return {};
    return finishOutputs(parameters, context, job);
}

} // namespace firebeat::qgis
