#include "hotspots_algorithm.h"

#include "firebeat/hotspots_job.h"

namespace firebeat::qgis {

QIcon HotspotsAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/hotspots.svg"));
}

const JobSpec& HotspotsAlgorithm::spec() const {
    return hotspotsJobSpec();
}

std::set<std::string> HotspotsAlgorithm::inputsWithAllFields(const JobParameters& job) const {
    // A layer's own field: the output keeps every field of the layer.
    return job.has("value-field") ? std::set<std::string>{"villages"} : std::set<std::string>{};
}

JobAlgorithm::RunOutputs HotspotsAlgorithm::analyse(const JobSource& source, const JobParameters& job,
                                                    Progress* progress,
                                                    QgsProcessingFeedback* feedback) const {
    const HotspotsJobResult ran = runHotspotsJob(source, job, progress);
    reportProblems(ran.read.report, feedback);
    if (feedback)
        for (const std::string& note : ran.notes)
            feedback->pushInfo(QString::fromStdString(note));
    return {{{"output", ran.outputLayer}}, {}};
}

} // namespace firebeat::qgis
