// What every FireBeat algorithm does around a call into the Qt-free core: the core's clear
// InputError messages become QgsProcessingException, a cancelled run simply ends.
#pragma once

#include "firebeat/progress.h"
#include "firebeat/report.h"

#include <qgsexception.h>
#include <qgsprocessingfeedback.h>

namespace firebeat::qgis {

// Runs `work`; false when the user cancelled (nothing was written then).
template <class Work> bool runCore(Work&& work) {
    try {
        work();
        return true;
    } catch (const Cancelled&) {
        return false;
    } catch (const QgsProcessingException&) {
        throw;
    } catch (const std::exception& e) {
        throw QgsProcessingException(QString::fromStdString(e.what()));
    }
}

// True when an optional parameter was given a value (parameterAs* answer 0 for an unset number).
inline bool isSet(const QVariantMap& parameters, const QString& name) {
    const QVariant v = parameters.value(name);
    return v.isValid() && !v.isNull() && !v.toString().isEmpty();
}

// The problems an analysis met (not fatal), in the log as the command line prints them.
inline void reportProblems(const Report& report, QgsProcessingFeedback* feedback) {
    if (feedback)
        for (const Problem& p : report.problems())
            feedback->pushWarning(QString::fromStdString(describe(p)));
}

} // namespace firebeat::qgis
