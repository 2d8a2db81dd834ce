// Instants as seconds since 1970-01-01T00:00:00Z. Inspection data is recorded in China
// Standard Time, so a date or date-time without an explicit offset is read as UTC+08:00.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace firebeat {

using Timestamp = std::int64_t;
inline constexpr std::int64_t kSecondsPerDay = 86400;
inline constexpr int kDefaultUtcOffsetMinutes = 8 * 60;

// Parses ISO 8601: "2026-03-01", "2026-03-01T09:30", "2026-03-01 09:30:15", optional fractional
// seconds, "Z" or "+08:00"/"+0800". Returns nullopt for anything else, including invalid dates.
std::optional<Timestamp> parseTimestamp(std::string_view text);
// parseTimestamp() for the end of a period ("reference date", "to"): a date alone means the last
// second of that day, so the whole day is inside the period.
std::optional<Timestamp> parsePeriodEnd(std::string_view text);

// Seconds since the epoch for a civil date-time at the given UTC offset.
Timestamp makeTimestamp(int year, int month, int day, int hour = 0, int minute = 0, int second = 0,
                        int utcOffsetMinutes = kDefaultUtcOffsetMinutes);

// "2026-03-01T09:30:00+08:00" (in China Standard Time).
std::string formatTimestamp(Timestamp t);
// "2026-03-01" (the date in China Standard Time).
std::string formatDate(Timestamp t);

// Whole days from `from` to `to` (floor), e.g. for "days overdue".
inline std::int64_t daysBetween(Timestamp from, Timestamp to) {
    const std::int64_t d = to - from;
    return d >= 0 ? d / kSecondsPerDay : -((-d + kSecondsPerDay - 1) / kSecondsPerDay);
}

} // namespace firebeat
