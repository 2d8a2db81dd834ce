// A small OGR table writer for the coverage and sizing outputs: a data source written under a
// temporary name and renamed on commit(), and layers described by columns.
#pragma once

#include "firebeat/geometry.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace firebeat::ogr_output {

// In the order of ValueType (firebeat/coverage_tables.h), which is cast from it.
enum class Type { Integer, Integer64, Real, Text, Boolean, DateTime };
// monostate: null. A DateTime is given as a Timestamp (written in UTC, as GeoPackage wants).
using Value = std::variant<std::monostate, std::int64_t, double, std::string, bool>;
enum class GeometryType { None, Point, MultiPolygon };
using Geometry = std::variant<std::monostate, Point, const Polygon*>;

template <class T> struct Column {
    std::string name;
    Type type;
    std::function<Value(const T&)> value;
};

inline Value nullable(const std::optional<double>& v) {
    return v ? Value(*v) : Value();
}
inline Value nullable(const std::optional<std::int64_t>& v) {
    return v ? Value(*v) : Value();
}
inline Value nullIfEmpty(const std::string& s) {
    return s.empty() ? Value() : Value(s);
}

class OutputFile {
  public:
    // The driver follows the extension: .gpkg GeoPackage, .csv CSV (geometry as WKT).
    OutputFile(const std::string& path, const std::string& crs);
    ~OutputFile(); // without commit(): removes the temporary file
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    struct Field {
        std::string name;
        Type type;
    };
    void beginLayer(const std::string& name, GeometryType geometry, const std::vector<Field>& fields);
    void add(const std::vector<Value>& values, const Geometry& geometry);
    void commit();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Writes the rows `keep` accepts as a layer, each with the geometry `shape` gives.
template <class T, class Keep, class Shape>
void writeLayer(OutputFile& out, const std::string& name, GeometryType type,
                const std::vector<Column<T>>& columns, const std::vector<T>& rows, Keep keep, Shape shape) {
    std::vector<OutputFile::Field> fields;
    for (const Column<T>& c : columns)
        fields.push_back({c.name, c.type});
    out.beginLayer(name, type, fields);
    std::vector<Value> values(columns.size());
    for (const T& row : rows) {
        if (!keep(row))
            continue;
        for (std::size_t i = 0; i < columns.size(); ++i)
            values[i] = columns[i].value(row);
        out.add(values, shape(row));
    }
}

} // namespace firebeat::ogr_output
