#include "firebeat/filter_options.h"

#include "firebeat/progress.h"

namespace firebeat {

std::vector<OptionSpec> hazardFilterOptions() {
    std::vector<std::string> categories;
    for (int i = 0; i < kHazardCategoryCount; ++i)
        categories.emplace_back(code(static_cast<HazardCategory>(i)));
    return {
        {.key = "from", .type = OptionType::Date, .help = "Only hazards found on or after this date."},
        {.key = "to", .type = OptionType::Date, .help = "Only hazards found before this date."},
        {.key = "open-only",
         .type = OptionType::Flag,
         .help = "Only hazards still open (at --to when given)."},
        {.key = "categories",
         .type = OptionType::List,
         .help = "Only these hazard categories (codes, e.g. EBIKE,ELECTRICAL; none: all).",
         .choices = categories},
        {.key = "min-severity",
         .type = OptionType::Integer,
         .help = "Only hazards of at least this severity (1-3).",
         .defaultValue = "1",
         .minimum = 1,
         .maximum = 3},
        {.key = "source",
         .type = OptionType::Choice,
         .help = "Only hazards reported by inspections or the 96119 hotline.",
         .defaultValue = "any",
         .choices = {"any", "inspection", "hotline_96119"},
         .advanced = true},
    };
}

HazardFilter hazardFilterFrom(const JobParameters& p) {
    HazardFilter f;
    // A date alone is the start of that day here: --to 2026-07-01 ends before July.
    f.from = p.date("from", false);
    f.to = p.date("to", false);
    if (f.from && f.to && *f.from >= *f.to)
        throw InputError("from: must be before to");
    if (p.flag("open-only"))
        f.status = HazardFilter::Status::Open;
    for (const std::string& c : p.list("categories")) {
        const auto category = parseHazardCategory(c);
        if (!category)
            throw InputError("categories: unknown hazard category '" + c +
                             "' (expected codes such as EVAC_BLOCKED, FIRE_LANE, ELECTRICAL, EBIKE)");
        f.categories.insert(*category);
    }
    f.minSeverity = static_cast<int>(p.integer("min-severity"));
    if (const std::size_t source = p.choice("source"); source > 0)
        f.source = source == 1 ? HazardSource::Inspection : HazardSource::Hotline96119;
    return f;
}

} // namespace firebeat
