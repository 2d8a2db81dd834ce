#include "firebeat/time.h"

#include <charconv>
#include <cstdio>

namespace firebeat {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy =
        (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

bool isLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int daysInMonth(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly n digits at pos.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
    if (pos + n > s.size())
        return false;
    const auto r = std::from_chars(s.data() + pos, s.data() + pos + n, out);
    if (r.ec != std::errc() || r.ptr != s.data() + pos + n)
        return false;
    pos += n;
    return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

} // namespace

Timestamp makeTimestamp(int year, int month, int day, int hour, int minute, int second,
                        int utcOffsetMinutes) {
    return daysFromCivil(year, month, day) * kSecondsPerDay + hour * 3600 + minute * 60 + second -
           utcOffsetMinutes * 60;
}

std::optional<Timestamp> parseTimestamp(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(s, pos, 4, y) || !expect(s, pos, '-') || !digits(s, pos, 2, mo) || !expect(s, pos, '-') ||
        !digits(s, pos, 2, d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
        return std::nullopt;
    int offset = kDefaultUtcOffsetMinutes;
    if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
        ++pos;
        if (!digits(s, pos, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, mi))
            return std::nullopt;
        if (expect(s, pos, ':')) {
            if (!digits(s, pos, 2, sec))
                return std::nullopt;
            if (expect(s, pos, '.') || expect(s, pos, ',')) {
                const std::size_t start = pos;
                while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
                    ++pos;
                if (pos == start)
                    return std::nullopt;
            }
        }
        if (h > 23 || mi > 59 || sec > 60)
            return std::nullopt;
        if (expect(s, pos, 'Z')) {
            offset = 0;
        } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            const int sign = s[pos] == '-' ? -1 : 1;
            ++pos;
            int oh = 0, om = 0;
            if (!digits(s, pos, 2, oh))
                return std::nullopt;
            expect(s, pos, ':');
            if (pos < s.size() && !digits(s, pos, 2, om))
                return std::nullopt;
            if (oh > 14 || om > 59)
                return std::nullopt;
            offset = sign * (oh * 60 + om);
        }
    }
    if (pos != s.size())
        return std::nullopt;
    return makeTimestamp(y, mo, d, h, mi, sec, offset);
}

std::string formatTimestamp(Timestamp t) {
    const Timestamp local = t + kDefaultUtcOffsetMinutes * 60;
    std::int64_t days = local / kSecondsPerDay;
    std::int64_t secs = local % kSecondsPerDay;
    if (secs < 0) {
        secs += kSecondsPerDay;
        --days;
    }
    int y = 0, m = 0, d = 0;
    civilFromDays(days, y, m, d);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, m, d,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
    return buf;
}

std::string formatDate(Timestamp t) {
    return formatTimestamp(t).substr(0, 10);
}

std::optional<Timestamp> parsePeriodEnd(std::string_view text) {
    std::optional<Timestamp> t = parseTimestamp(text);
    if (t && text.size() == 10) // "2026-03-01"
        *t += kSecondsPerDay - 1;
    return t;
}

} // namespace firebeat
