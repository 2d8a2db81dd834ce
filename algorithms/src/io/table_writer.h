// A small OGR table writer for the coverage and sizing outputs: a data source written under a
// temporary name and renamed on commit(), and layers described by columns.
#pragma once

#include "firebeat/geometry.h"
#include "firebeat/output_schema.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace firebeat::ogr_output {

// The columns are the output schemas of firebeat/output_schema.h (a DateTime is written in UTC,
// as GeoPackage wants).
using Type = OutputFieldType;
using Value = OutputValue;
template <class T> using Column = OutputColumn<T>;
using firebeat::nullable;
using firebeat::nullIfEmpty;
enum class GeometryType { None, Point, MultiPolygon };
using Geometry = std::variant<std::monostate, Point, const Polygon*>;

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
