// The tables `firebeat coverage` writes (district_coverage, officer_workload) as plain names and
// values, from the same column definitions the GeoPackage writer uses, so other front ends (the
// server's JSON API, the HTML report) show the same fields under the same names.
#pragma once

#include "firebeat/coverage.h"
#include "firebeat/output_schema.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace firebeat {

// The types and values of the output schemas (firebeat/output_schema.h).
using ValueType = OutputFieldType;
using FieldValue = OutputValue;

struct ValueTable {
    struct Column {
        std::string name;
        ValueType type;
    };
    std::vector<Column> columns;
    std::vector<std::vector<FieldValue>> rows; // one value per column
    // Index of the column `name`, or -1.
    int column(const std::string& name) const;
};

// One row per district, in the order of result.districts, without the geometry.
ValueTable districtCoverageTable(const CoverageResult& result);
// One row per officer, in the order of result.officers.
ValueTable officerWorkloadTable(const CoverageResult& result);

} // namespace firebeat
