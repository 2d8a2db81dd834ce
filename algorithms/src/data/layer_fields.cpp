#include "data/layer_fields.h"

#include "firebeat/geos_support.h"

#include <ogrsf_frmts.h>

#include <cmath>
#include <cstring>

namespace firebeat {
namespace {

const char* typeName(FieldType t) {
    switch (t) {
    case FieldType::Text:
        return "text";
    case FieldType::Integer:
        return "integer";
    case FieldType::Real:
        return "real";
    case FieldType::DateTime:
        return "date/date-time or ISO 8601 text";
    }
    return "";
}

bool typeAccepts(FieldType wanted, OGRFieldType actual) {
    switch (wanted) {
    case FieldType::Text:
        return true;
    case FieldType::Integer:
        return actual == OFTInteger || actual == OFTInteger64;
    case FieldType::Real:
        return actual == OFTInteger || actual == OFTInteger64 || actual == OFTReal;
    case FieldType::DateTime:
        return actual == OFTDate || actual == OFTDateTime || actual == OFTString;
    }
    return false;
}

std::uint32_t readU32(const std::uint8_t* p, bool littleEndian) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return littleEndian ? v : __builtin_bswap32(v);
}

double readF64(const std::uint8_t* p, bool littleEndian) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    if (!littleEndian)
        v = __builtin_bswap64(v);
    double d;
    std::memcpy(&d, &v, 8);
    return d;
}

// A field the spec requires and the read includes: a null is a problem.
bool required(const ResolvedField* f) {
    return f && f->spec->required;
}

} // namespace

// Appending to a named string sidesteps GCC 12's false -Wrestrict on "'" + std::string.
std::string quoted(std::string_view value) {
    std::string out;
    out.reserve(value.size() + 2);
    out += '\'';
    out += value;
    out += '\'';
    return out;
}

std::optional<std::vector<ResolvedField>> resolveFields(OGRLayer& layer, const LayerSpec& spec,
                                                        const SourceMapping& mapping, Report& report,
                                                        const std::set<std::string>* onlyFields) {
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    const std::string layerName = layer.GetName();
    std::vector<ResolvedField> fields;
    bool complete = true;
    std::size_t columns = 0;
    for (const FieldSpec& f : spec.fields) {
        ResolvedField r{&f, mapping.field(spec.kind, f.name), -1, std::nullopt};
        if (onlyFields && !onlyFields->contains(std::string(f.name)))
            continue;
        r.ogrIndex = defn->GetFieldIndex(r.sourceName.c_str());
        if (r.ogrIndex >= 0)
            r.cursorColumn = columns++;
        if (r.ogrIndex < 0 && f.required) {
            report.error("missing_field", layerName,
                         std::string("required ") + typeName(f.type) + " field is missing" +
                             (r.sourceName != f.name ? " (mapped from " + std::string(f.name) + ")" : ""),
                         r.sourceName);
            complete = false;
        } else if (r.ogrIndex >= 0) {
            const OGRFieldType actual = defn->GetFieldDefn(r.ogrIndex)->GetType();
            if (!typeAccepts(f.type, actual))
                report.error("wrong_field_type", layerName,
                             std::string("expected a ") + typeName(f.type) + " field, found " +
                                 OGRFieldDefn::GetFieldTypeName(actual),
                             r.sourceName);
        }
        fields.push_back(std::move(r));
    }
    if (!complete)
        return std::nullopt;
    return fields;
}

FeatureRow::FeatureRow(const LayerSpec& spec, const std::string& layerName,
                       const std::vector<ResolvedField>& fields, const FeatureCursor& cursor, Report& report)
    : spec_(spec), layerName_(layerName), fields_(fields), cursor_(cursor), report_(report) {
    id_ = textView(spec.idField);
    if (id_.empty() && isRead(spec.idField))
        missing(spec.idField);
}

// Converters ask for a field several times, then for the next one in the spec's order: start
// at the last one found, so that most lookups look at one field. The linker merges equal string
// literals, so the name asked for is usually the spec's very own and needs no comparing.
const ResolvedField* FeatureRow::field(std::string_view canonical) const {
    const std::size_t n = fields_.size();
    for (std::size_t k = 0, i = hint_; k < n; ++k, i = i + 1 == n ? 0 : i + 1)
        if (fields_[i].spec->name.data() == canonical.data() &&
            fields_[i].spec->name.size() == canonical.size())
            return &fields_[hint_ = i];
    for (std::size_t i = 0; i < n; ++i)
        if (fields_[i].spec->name == canonical)
            return &fields_[hint_ = i];
    return nullptr;
}

std::optional<std::size_t> FeatureRow::column(std::string_view canonical) const {
    const ResolvedField* f = field(canonical);
    return f ? f->cursorColumn : std::nullopt;
}

bool FeatureRow::isRead(std::string_view canonical) const {
    const ResolvedField* f = field(canonical);
    return f != nullptr;
}

void FeatureRow::problem(Severity severity, std::string code, std::string_view fieldName,
                         std::string message) {
    const ResolvedField* f = field(fieldName);
    report_.add({severity, std::move(code), layerName_, cursor_.fid(), id_,
                 f ? f->sourceName : std::string(fieldName), std::move(message)});
    if (severity == Severity::Error)
        usable_ = false;
}

void FeatureRow::missing(std::string_view fieldName) {
    problem(Severity::Error, "missing_value", fieldName, "a value is required");
}

void FeatureRow::invalid(std::string_view fieldName, std::string message) {
    problem(Severity::Error, "invalid_value", fieldName, std::move(message));
}

std::string_view FeatureRow::textView(std::string_view fieldName) const {
    const auto c = column(fieldName);
    if (!c || cursor_.isNull(*c))
        return {};
    return cursor_.text(*c);
}

std::string FeatureRow::text(std::string_view fieldName) const {
    return std::string(textView(fieldName));
}

std::optional<std::size_t> FeatureRow::valueColumn(std::string_view fieldName) {
    const ResolvedField* f = field(fieldName);
    const auto c = f ? f->cursorColumn : std::nullopt;
    if (c && !cursor_.isNull(*c))
        return c;
    if (required(f))
        missing(fieldName);
    return std::nullopt;
}

std::optional<std::int64_t> FeatureRow::integer(std::string_view fieldName, std::int64_t min,
                                                std::int64_t max) {
    const auto c = valueColumn(fieldName);
    if (!c)
        return std::nullopt;
    const auto v = cursor_.integer(*c);
    if (!v) {
        invalid(fieldName, "expected a whole number, found " + quoted(cursor_.text(*c)));
        return std::nullopt;
    }
    if (*v < min || *v > max) {
        invalid(fieldName, "value " + std::to_string(*v) + " is outside " + std::to_string(min) + ".." +
                               std::to_string(max));
        return std::nullopt;
    }
    return v;
}

std::optional<Timestamp> FeatureRow::time(std::string_view fieldName) {
    const auto c = valueColumn(fieldName);
    if (!c)
        return std::nullopt;
    if (const auto t = cursor_.timestamp(*c))
        return t;
    // Only now look at the text: formatting every good value would cost more than parsing it.
    const std::string raw(cursor_.text(*c));
    if (raw.empty()) {
        if (required(field(fieldName)))
            missing(fieldName);
        return std::nullopt;
    }
    problem(Severity::Error, "unparseable_date", fieldName,
            quoted(raw) + " is not an ISO 8601 date or date-time (e.g. 2026-03-01T09:30:00+08:00)");
    return std::nullopt;
}

std::optional<double> FeatureRow::number(std::size_t c, const std::string& sourceName) {
    if (cursor_.isNull(c))
        return std::nullopt;
    const auto v = cursor_.real(c);
    if (!v) {
        problem(Severity::Error, "invalid_value", sourceName,
                "expected a number, found " + quoted(cursor_.text(c)));
        return std::nullopt;
    }
    return v;
}

std::optional<Point> FeatureRow::point() {
    const std::span<const std::uint8_t> wkb = cursor_.wkb();
    if (wkb.size() < 5) {
        problem(Severity::Error, "null_geometry", "", "the feature has no geometry (a point is expected)");
        return std::nullopt;
    }
    const bool le = wkb[0] == 1;
    std::uint32_t type = readU32(wkb.data() + 1, le) % 1000; // ISO Z/M/ZM variants
    std::size_t offset = 5;
    if (type == 4 && wkb.size() >= 9 + 5 && readU32(wkb.data() + 5, le) == 1) { // single-part multipoint
        offset = 9 + 5;
        type = readU32(wkb.data() + 9 + 1, wkb[9] == 1) % 1000;
    }
    if (type != 1 || wkb.size() < offset + 16) {
        problem(Severity::Error, "wrong_geometry_type", "", "expected a point geometry");
        return std::nullopt;
    }
    const bool pe = wkb[offset - 5] == 1;
    const Point p{readF64(wkb.data() + offset, pe), readF64(wkb.data() + offset + 8, pe)};
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
        problem(Severity::Error, "empty_geometry", "", "the point is empty");
        return std::nullopt;
    }
    return p;
}

bool FeatureRow::points(std::vector<Point>& out) {
    const std::span<const std::uint8_t> wkb = cursor_.wkb();
    const bool le = !wkb.empty() && wkb[0] == 1;
    if (wkb.size() < 9 || readU32(wkb.data() + 1, le) % 1000 != 4) { // not a multipoint
        const auto p = point();
        if (p)
            out.push_back(*p);
        return p.has_value();
    }
    const std::uint32_t parts = readU32(wkb.data() + 5, le);
    const std::size_t first = out.size();
    std::size_t offset = 9;
    for (std::uint32_t i = 0; i < parts; ++i) {
        // Each part is a whole ISO WKB point: byte order, type (+1000 Z, +2000 M, +3000 ZM), x, y...
        const bool pe = wkb.size() > offset && wkb[offset] == 1;
        const std::uint32_t type = wkb.size() >= offset + 5 ? readU32(wkb.data() + offset + 1, pe) : 0;
        const std::uint32_t dims = 2 + (type / 1000 == 1 || type / 1000 == 2) + 2 * (type / 1000 == 3);
        const std::size_t size = 5 + 8 * std::size_t{dims};
        if (type % 1000 != 1 || type >= 4000 || wkb.size() < offset + size) {
            out.resize(first);
            problem(Severity::Error, "wrong_geometry_type", "", "a multipoint part is not a point");
            return false;
        }
        const Point p{readF64(wkb.data() + offset + 5, pe), readF64(wkb.data() + offset + 13, pe)};
        if (std::isfinite(p.x) && std::isfinite(p.y)) // an empty part adds nothing, as in QGIS
            out.push_back(p);
        offset += size;
    }
    if (out.size() == first) {
        problem(Severity::Error, "empty_geometry", "", "the multipoint is empty");
        return false;
    }
    return true;
}

std::optional<Polygon> FeatureRow::polygon(bool repair) {
    const std::span<const std::uint8_t> wkb = cursor_.wkb();
    if (wkb.empty()) {
        problem(Severity::Error, "null_geometry", "", "the feature has no geometry (a polygon is expected)");
        return std::nullopt;
    }
    GeosGeometry g = geosFromWkb({wkb.begin(), wkb.end()});
    GEOSContextHandle_t ctx = geosContext();
    if (!g) {
        problem(Severity::Error, "invalid_geometry", "", "the geometry cannot be parsed: " + lastGeosError());
        return std::nullopt;
    }
    const int type = GEOSGeomTypeId_r(ctx, g.get());
    if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
        problem(Severity::Error, "wrong_geometry_type", "", "expected a polygon or multipolygon geometry");
        return std::nullopt;
    }
    if (GEOSisEmpty_r(ctx, g.get())) {
        problem(Severity::Error, "empty_geometry", "", "the polygon is empty");
        return std::nullopt;
    }
    if (GEOSisValid_r(ctx, g.get()) != 1) {
        char* reason = GEOSisValidReason_r(ctx, g.get());
        const std::string why = reason ? reason : "invalid";
        GEOSFree_r(ctx, reason);
        if (!repair) {
            problem(Severity::Error, "invalid_geometry", "",
                    "invalid polygon (" + why + "); repair it or ask for repair (GEOS MakeValid)");
            return std::nullopt;
        }
        // The "structure" method without collapsed parts returns polygons only, never stray lines.
        GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx);
        GEOSMakeValidParams_setMethod_r(ctx, params, GEOS_MAKE_VALID_STRUCTURE);
        GEOSMakeValidParams_setKeepCollapsed_r(ctx, params, 0);
        GeosGeometry polygons(GEOSMakeValidWithParams_r(ctx, g.get(), params));
        GEOSMakeValidParams_destroy_r(ctx, params);
        if (!polygons || GEOSisEmpty_r(ctx, polygons.get())) {
            problem(Severity::Error, "invalid_geometry", "",
                    "invalid polygon (" + why + ") that cannot be repaired");
            return std::nullopt;
        }
        problem(Severity::Warning, "repaired_geometry", "",
                "invalid polygon (" + why + ") repaired with MakeValid");
        return toPolygon(polygons.get());
    }
    return toPolygon(g.get());
}

} // namespace firebeat
