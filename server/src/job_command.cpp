#include "job_command.h"

#include "command.h"

#include <QRegularExpression>

#include <cstdio>

namespace firebeat::cli {
namespace {

QString fromStd(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<int>(s.size()));
}

QString valueName(const OptionSpec& o) {
    switch (o.type) {
    case OptionType::Flag:
        return {};
    case OptionType::Integer:
        return QStringLiteral("N");
    case OptionType::Real:
        return QStringLiteral("X");
    case OptionType::Choice: {
        QStringList choices;
        for (const std::string& c : o.choices)
            choices << fromStd(c);
        return choices.join(QLatin1Char('|'));
    }
    case OptionType::Date:
        return QStringLiteral("DATE");
    case OptionType::Field:
        return QStringLiteral("FIELD");
    case OptionType::List:
        return QStringLiteral("A,B");
    case OptionType::Extent:
        return QStringLiteral("XMIN,YMIN,XMAX,YMAX");
    case OptionType::File:
        return o.extension.empty() ? QStringLiteral("FILE") : QStringLiteral("FILE.") + fromStd(o.extension);
    case OptionType::Text:
        break;
    }
    return QStringLiteral("VALUE");
}

QString helpWithDefault(const std::string& help, const std::string& defaultValue) {
    QString text = fromStd(help);
    if (!defaultValue.empty())
        text += QStringLiteral(" (default: %1)").arg(fromStd(defaultValue));
    return text;
}

} // namespace

QString layerOptionName(const InputLayer& input) {
    return fromStd(input.key) + QStringLiteral("-layer");
}

JobCommand::JobCommand(const JobSpec& spec) : spec_(spec) {
    if (!spec.inputs.empty()) {
        addSourceOptions(parser_);
        parser_.addOption({QStringLiteral("input"),
                           QStringLiteral("Data source with the layers (or SOURCE)."),
                           QStringLiteral("SOURCE")});
        parser_.addPositionalArgument(
            QStringLiteral("SOURCE"),
            QStringLiteral("Any OGR source: SpatiaLite, GeoPackage, PG:\"...\", Shapefile folder."),
            QStringLiteral("[SOURCE]"));
        for (const InputLayer& input : spec.inputs) {
            const std::string standard = input.kind ? std::string(layerName(*input.kind)) : input.key;
            parser_.addOption(
                {layerOptionName(input),
                 QStringLiteral("The %1 layer's name in the source%2 (default: %3).")
                     .arg(fromStd(input.key), input.required ? QString() : QStringLiteral(", optional"),
                          fromStd(standard)),
                 QStringLiteral("NAME")});
        }
    }
    for (const OptionSpec& o : spec.options) {
        const QString help = helpWithDefault(o.help, o.defaultValue);
        if (o.type == OptionType::Flag)
            parser_.addOption({fromStd(o.key), help});
        else
            parser_.addOption({fromStd(o.key), help, valueName(o)});
    }
    for (const OutputSpec& out : spec.outputs) {
        QStringList formats;
        for (const std::string& f : out.formats)
            formats << QStringLiteral("OUT.") + fromStd(f);
        parser_.addOption({fromStd(out.key), fromStd(out.help),
                           formats.isEmpty() ? QStringLiteral("PATH") : formats.join(QLatin1Char('|'))});
    }
    parser_.addOption({QStringLiteral("json"), QStringLiteral("Print a machine-readable summary.")});
    parser_.addOption({QStringLiteral("quiet"), QStringLiteral("No progress bar.")});
}

void JobCommand::addLayerAlias(const QString& alias, std::string_view inputKey) {
    const InputLayer* input = spec_.input(inputKey);
    Q_ASSERT(input);
    parser_.addOption(
        {alias, QStringLiteral("Same as --%1.").arg(layerOptionName(*input)), QStringLiteral("NAME")});
    aliases_.insert(alias, layerOptionName(*input));
}

void JobCommand::parse(const QStringList& arguments) {
    QStringList renamed = arguments;
    for (auto it = aliases_.cbegin(); it != aliases_.cend(); ++it)
        renamed.replaceInStrings(QRegularExpression(QStringLiteral("^--%1(?==|$)").arg(it.key())),
                                 QStringLiteral("--") + it.value());
    parseOrExit(parser_, renamed, fromStd(spec_.help));
}

JobParameters JobCommand::parameters() const {
    JobParameters p(spec_);
    for (const OptionSpec& o : spec_.options) {
        const QString name = fromStd(o.key);
        if (!parser_.isSet(name))
            continue;
        p.set(o.key, o.type == OptionType::Flag ? std::string("true") : toStd(parser_.value(name)));
    }
    for (const OutputSpec& out : spec_.outputs)
        if (parser_.isSet(fromStd(out.key)))
            p.setOutput(out.key, toStd(parser_.value(fromStd(out.key))));
    return p;
}

JobSource JobCommand::source() const {
    JobSource s;
    const QStringList positional = parser_.positionalArguments();
    if (positional.size() > 1 || (positional.size() == 1 && parser_.isSet(QStringLiteral("input"))))
        throw InputError("expected one data source (--input SOURCE or SOURCE), got " +
                         std::to_string(positional.size() + parser_.isSet(QStringLiteral("input"))));
    s.name = parser_.isSet(QStringLiteral("input")) ? toStd(parser_.value(QStringLiteral("input")))
             : positional.isEmpty()                 ? std::string()
                                                    : toStd(positional.front());
    if (s.name.empty())
        throw InputError("--input: a data source is required");
    s.read = readOptionsFrom(parser_);
    for (const InputLayer& input : spec_.inputs) {
        const QString option = layerOptionName(input);
        if (!parser_.isSet(option))
            continue;
        if (input.kind)
            nameInputLayer(input, toStd(parser_.value(option)), "--" + toStd(option), s.read.mapping);
        else
            s.namedLayers[input.key] = toStd(parser_.value(option));
    }
    return s;
}

void printProblems(const AnalysisRun& run) {
    if (run.read.report.hasErrors())
        std::fprintf(stderr, "firebeat: %zu feature(s) left out for bad values:\n%s",
                     run.read.report.count(Severity::Error), run.read.report.toText().c_str());
    if (!run.problems.problems().empty())
        std::fprintf(stderr, "firebeat: the analysis met %zu problem(s):\n%s", run.problems.problems().size(),
                     run.problems.toText().c_str());
}

} // namespace firebeat::cli
