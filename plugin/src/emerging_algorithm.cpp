#include "emerging_algorithm.h"

#include "algorithm_support.h"
#include "feedback_progress.h"

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

void EmergingAlgorithm::initAlgorithm(const QVariantMap&) {
    addJobParameters();
}

QVariantMap EmergingAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                                QgsProcessingFeedback* feedback) {
    const JobParameters job = jobParameters(parameters, context);
    FeedbackProgress progress(feedback);
    if (!runJob([&] {
            MemorySource memory;
            ProgressSlice copying(&progress, 0, 0.3), running(&progress, 0.3, 1);
            // Every field: the polygons' go to the output, the events' serve the filters.
            const EmergingJobResult run = runEmergingJob(
                jobSource(parameters, context, memory, &copying, {"villages", "events"}), job, &running);
            if (feedback)
                for (const std::string& note : run.result.notes)
                    feedback->pushInfo(QString::fromStdString(note));
        }))
        return {};
    return finishOutputs(parameters, context, job);
}

} // namespace firebeat::qgis
