// `firebeat inputs`: the minimum-inputs table of every job, from their declarations.
#include "command.h"

#include "firebeat/job_catalogue.h"

#include <cstdio>

namespace firebeat::cli {

int runInputs(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("markdown"), QStringLiteral("Markdown (the only format; docs/inputs.md).")});
    parseOrExit(
        parser, arguments,
        QStringLiteral("The layers and fields each analysis reads, which it can do without and what is "
                       "lost then, as docs/inputs.md shows them."));
    const std::string text = inputsMarkdown(jobCatalogue());
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kOk;
}

} // namespace firebeat::cli
