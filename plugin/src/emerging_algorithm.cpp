#include "emerging_algorithm.h"

#include "firebeat/emerging.h"

namespace firebeat::qgis {

namespace {

// The pattern names as the style's labels, for the translation (applied when the layer loads).
[[maybe_unused]] const char* const kPatternLabels[] = {
    QT_TRANSLATE_NOOP("FireBeatStyles", "New Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Consecutive Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Intensifying Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Persistent Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Diminishing Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Sporadic Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Oscillating Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Historical Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "New Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Consecutive Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Intensifying Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Persistent Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Diminishing Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Sporadic Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Oscillating Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Historical Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "No Pattern Detected"),
};

} // namespace

QIcon EmergingAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/hotspots.svg"));
}

const JobSpec& EmergingAlgorithm::spec() const {
    return emergingJob();
}

std::set<std::string> EmergingAlgorithm::inputsWithAllFields(const JobParameters&) const {
    return {"villages", "events"}; // the polygons' fields go to the output, the events' serve the filters
}

JobAlgorithm::RunOutputs EmergingAlgorithm::analyse(const JobSource& source, const JobParameters& job,
                                                    Progress* progress,
                                                    QgsProcessingFeedback* feedback) const {
    const EmergingJobResult ran = runEmergingJob(source, job, progress);
    if (feedback)
        for (const std::string& note : ran.result.notes)
            feedback->pushInfo(QString::fromStdString(note));
    return {};
}

} // namespace firebeat::qgis
