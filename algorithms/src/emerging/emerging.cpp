// The emerging hot-spot analysis: events into the space-time cube, then the statistics.
#include "firebeat/emerging.h"

#include "firebeat/polygon_index.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <numeric>

namespace firebeat {
namespace {

// Days since 1970-01-01 -> (year, month) (Howard Hinnant's civil_from_days).
void yearMonthFromDays(std::int64_t z, int& y, int& m) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Ids compare as integers when both are integers, else as text: "smallest id" on a shared border.
std::optional<long long> integerId(const std::string& id) {
    long long v = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
    if (ec != std::errc() || end != id.data() + id.size() || id.empty())
        return std::nullopt;
    return v;
}

bool idLess(const std::string& a, const std::string& b) {
    const auto ia = integerId(a), ib = integerId(b);
    if (ia && ib)
        return *ia < *ib;
    if (ia != ib && (ia || ib))
        return ia.has_value(); // integers first
    return a < b;
}

} // namespace

int cstMonthIndex(Timestamp t) {
    const std::int64_t local = t + static_cast<std::int64_t>(kDefaultUtcOffsetMinutes) * 60;
    int y = 0, m = 0;
    yearMonthFromDays(floorDiv(local, kSecondsPerDay), y, m);
    return (y - 1970) * 12 + (m - 1);
}

std::string monthLabel(int monthIndex) {
    const int y = 1970 + static_cast<int>(floorDiv(monthIndex, 12));
    const int m = monthIndex - (y - 1970) * 12 + 1;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", y, m);
    return buffer;
}

EmergingResult analyseEmerging(const EmergingInput& input, const EmergingOptions& options,
                               Progress* progress) {
    if (input.locations.empty())
        throw InputError("layer " + input.locationsLayer + ": no polygons to analyse");
    EmergingResult r;
    r.order.resize(input.locations.size());
    std::iota(r.order.begin(), r.order.end(), std::size_t{0});
    std::stable_sort(r.order.begin(), r.order.end(), [&](std::size_t a, std::size_t b) {
        return idLess(input.locations[a].id, input.locations[b].id);
    });
    std::vector<Area> areas;
    areas.reserve(r.order.size());
    for (std::size_t k = 0; k < r.order.size(); ++k) {
        const Area& a = input.locations[r.order[k]];
        if (k > 0 && a.id == areas.back().id)
            throw InputError("layer " + input.locationsLayer + ": id " + a.id +
                             " is used by more than one polygon");
        areas.push_back(a);
    }
    const std::size_t locations = areas.size();

    // The cube's months: from the earliest kept event to the reference date's month.
    const int lastMonth = cstMonthIndex(options.reference);
    int firstMonth = lastMonth + 1;
    for (const EmergingEvent& e : input.events)
        if (e.time) {
            const int m = cstMonthIndex(*e.time);
            if (m <= lastMonth)
                firstMonth = std::min(firstMonth, m);
        }
    if (firstMonth > lastMonth)
        throw InputError("layer " + input.eventsLayer +
                         ": no event on or before the reference date's month (" + monthLabel(lastMonth) +
                         ")");
    const auto months = static_cast<std::size_t>(lastMonth - firstMonth + 1);
    if (months < 2)
        throw InputError("the events span only " + monthLabel(firstMonth) +
                         ": emerging hot spots need at least two months (set an earlier window or a later "
                         "reference date)");
    r.firstMonth = firstMonth;
    r.months = months;

    ProgressSlice weightsStage(progress, 0.0, 0.3);
    r.weights = buildWeights(areas, options.weights, &weightsStage);
    for (std::size_t i = 0; i < locations; ++i)
        if (r.weights.neighbours(i).empty())
            r.islands.push_back(areas[i].id);

    // Events into bins: the polygon containing the event, boundary included, smallest id on ties
    // (the index's lowest position, and positions follow the ids).
    r.counts.assign(locations * months, 0);
    {
        const PolygonIndex index = PolygonIndex::of(areas);
        std::size_t done = 0;
        for (const EmergingEvent& e : input.events) {
            if (++done % 65536 == 0) {
                throwIfCancelled(progress);
                if (progress)
                    progress->report(0.3 + 0.3 * static_cast<double>(done) /
                                               static_cast<double>(input.events.size()),
                                     "events into the cube");
            }
            if (!e.time)
                continue;
            const int m = cstMonthIndex(*e.time);
            if (m > lastMonth) {
                ++r.afterReference;
                continue;
            }
            const auto where = index.locate(e.position);
            if (!where) {
                ++r.outsideLocations;
                continue;
            }
            ++r.counts[*where * months + static_cast<std::size_t>(m - firstMonth)];
            ++r.eventsUsed;
        }
    }

    std::vector<double> x(r.counts.begin(), r.counts.end());
    ProgressSlice giStage(progress, 0.6, 0.9);
    r.gi = spaceTimeGiStar(x, months, r.weights, options.neighbourhoodSteps, &giStage);
    r.binClass = fdrBinClasses(r.gi.z, r.gi.p, options.binAlpha);

    r.rows.resize(locations);
    for (std::size_t i = 0; i < locations; ++i) {
        if (i % 4096 == 0)
            throwIfCancelled(progress);
        const std::size_t at = i * months;
        EmergingRow& row = r.rows[i];
        row.cls = classifyLocation(std::span(r.gi.z).subspan(at, months),
                                   std::span(r.binClass).subspan(at, months), options.trendAlpha);
        row.finalZ = r.gi.z[at + months - 1];
        row.neighbours = r.weights.neighbours(i).size();
    }
    if (progress)
        progress->report(1.0, "classified");

    r.notes.push_back(std::to_string(locations) + " locations x " + std::to_string(months) + " months (" +
                      monthLabel(firstMonth) + " .. " + monthLabel(lastMonth) + "), " +
                      std::to_string(r.eventsUsed) + " events in the cube");
    if (input.emptyStamps)
        r.notes.push_back(std::to_string(input.emptyStamps) + " events without a time, ignored");
    if (input.filteredOut)
        r.notes.push_back(std::to_string(input.filteredOut) + " events left out by the hazard filters");
    if (r.afterReference)
        r.notes.push_back(std::to_string(r.afterReference) + " events after " + monthLabel(lastMonth) +
                          ", ignored");
    if (r.outsideLocations)
        r.notes.push_back(std::to_string(r.outsideLocations) + " events outside every polygon, ignored");
    if (!r.islands.empty()) {
        std::string ids;
        for (std::size_t k = 0; k < r.islands.size() && k < 20; ++k)
            ids += (k ? ", " : "") + r.islands[k];
        if (r.islands.size() > 20)
            ids += ", ...";
        r.notes.push_back(std::to_string(r.islands.size()) +
                          " locations without a neighbour (flag 'island'; their Gi* uses only their own "
                          "bins): " +
                          ids);
    }
    r.notes.push_back("weights: " + r.weights.info().describe());
    return r;
}

} // namespace firebeat
