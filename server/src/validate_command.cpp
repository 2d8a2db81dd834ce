#include "command.h"
#include "job_command.h"
#include "terminal_progress.h"

#include "firebeat/validate_job.h"

#include <cstdio>

namespace firebeat::cli {

int runValidate(const QStringList& arguments) {
    JobCommand command(validateJobSpec());
    command.parse(arguments);
    return guarded([&] {
        TerminalProgress progress(command.quiet());
        const ReadResult result = runValidateJob(command.source(), command.parameters(), &progress);
        progress.finish();
        const std::string out = command.json() ? result.report.toJson() + "\n" : result.report.toText();
        std::fwrite(out.data(), 1, out.size(), stdout);
        return result.report.hasErrors() ? kFailed : kOk;
    });
}

} // namespace firebeat::cli
