#include "districts_algorithm.h"

#include "firebeat/districts.h"

namespace firebeat::qgis {

QIcon DistrictsAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/sizing.svg"));
}

const JobSpec& DistrictsAlgorithm::spec() const {
    return districtsJob();
}

std::set<std::string> DistrictsAlgorithm::inputsWithAllFields(const JobParameters&) const {
    // The blocks' fields go to the output; the sizing model reads the units' and inspections' by
    // their data-model names.
    return {"villages", "units", "inspections", "stations", "districts"};
}

JobAlgorithm::RunOutputs DistrictsAlgorithm::analyse(const JobSource& source, const JobParameters& job,
                                                     Progress* progress,
                                                     QgsProcessingFeedback* feedback) const {
    const DistrictJobResult ran = runDistrictsJob(source, job, progress);
    if (feedback)
        for (const std::string& note : ran.design.notes)
            feedback->pushInfo(QString::fromStdString(note));
    return {};
}

} // namespace firebeat::qgis
