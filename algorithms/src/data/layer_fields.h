// Resolving the data model's fields in one source layer, and reading one feature's values
// with every problem reported against layer, feature and field.
#pragma once

#include "data/feature_cursor.h"
#include "firebeat/report.h"
#include "firebeat/schema.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

class OGRLayer;

namespace firebeat {

struct ResolvedField {
    const FieldSpec* spec = nullptr;
    std::string sourceName;
    int ogrIndex = -1;                       // -1: not in the layer
    std::optional<std::size_t> cursorColumn; // its column in the feature cursor
};

// The fields of `spec` found in `layer` under the mapped names. Reports missing and mistyped
// fields; returns nullopt when a required field is missing (the layer cannot be read).
// `onlyFields` (canonical names), when given, restricts reading and checking to those fields: the
// others are left out of the result, so a feature's accessors find no field (never reported).
std::optional<std::vector<ResolvedField>> resolveFields(OGRLayer& layer, const LayerSpec& spec,
                                                        const SourceMapping& mapping, Report& report,
                                                        const std::set<std::string>* onlyFields = nullptr);

std::string quoted(std::string_view value);

// One feature under the cursor. Accessors report problems and mark the feature unusable when
// a value it cannot do without is missing or wrong.
class FeatureRow {
  public:
    FeatureRow(const LayerSpec& spec, const std::string& layerName, const std::vector<ResolvedField>& fields,
               const FeatureCursor& cursor, Report& report);

    std::int64_t fid() const { return cursor_.fid(); }
    const std::string& id() const { return id_; }
    bool usable() const { return usable_; }
    // Whether the read includes none of the data model's fields (geometry and extras only).
    bool readsNoField() const { return fields_.empty(); }

    std::string text(std::string_view field) const;
    std::optional<std::int64_t> integer(std::string_view field, std::int64_t min, std::int64_t max);
    std::optional<Timestamp> time(std::string_view field);
    // An extra numeric field: `column` is the cursor column, `sourceName` names it in reports.
    std::optional<double> number(std::size_t column, const std::string& sourceName);

    template <class E, class Parse>
    std::optional<E> code(std::string_view field, Parse parse, int count, std::optional<E> fallback = {}) {
        const std::string_view value = textView(field);
        if (value.empty()) {
            if (!fallback && isRead(field))
                missing(field);
            return fallback;
        }
        if (const auto parsed = parse(value))
            return parsed;
        std::string expected;
        for (int i = 0; i < count; ++i)
            expected += (i ? ", " : "") + std::string(firebeat::code(static_cast<E>(i)));
        invalid(field, "unknown code " + quoted(value) + " (expected one of " + expected + ")");
        return fallback;
    }

    std::optional<Point> point();
    // Every part of a point or multipoint geometry appended to `out` (a heatmap counts each part,
    // as QGIS does); false, reported, when there is none.
    bool points(std::vector<Point>& out);
    std::optional<Polygon> polygon(bool repair);

    void problem(Severity severity, std::string code, std::string_view field, std::string message);

  private:
    const ResolvedField* field(std::string_view canonical) const;
    // Empty when null or not read; valid until the next read of the cursor.
    std::string_view textView(std::string_view canonical) const;
    bool isRead(std::string_view canonical) const;
    std::optional<std::size_t> column(std::string_view canonical) const;
    // The cursor column of the field's value; nullopt when it is null or not read (a missing
    // value is then reported if the field is required and read).
    std::optional<std::size_t> valueColumn(std::string_view canonical);
    void missing(std::string_view field);
    void invalid(std::string_view field, std::string message);

    const LayerSpec& spec_;
    const std::string& layerName_;
    const std::vector<ResolvedField>& fields_;
    const FeatureCursor& cursor_;
    Report& report_;
    std::string id_;
    bool usable_ = true;
    mutable std::size_t hint_ = 0; // where field() starts looking
};

} // namespace firebeat
