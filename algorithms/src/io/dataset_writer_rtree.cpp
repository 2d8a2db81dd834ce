// BulkSpatialIndex: an SQLite R*Tree written node by node. Layout of its tables (SQLite's
// rtree.c): "<name>_node"(nodeno, data) holds fixed-size blobs, the root is node 1 and starts
// with the tree depth (2 bytes, big-endian), every node then has its cell count (2 bytes) and
// cells of a 64-bit id (child node or feature id) and minx, maxx, miny, maxy as 32-bit floats,
// all big-endian; "<name>_rowid" maps feature ids to leaves, "<name>_parent" nodes to parents.
#include "io/dataset_writer_rtree.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace firebeat::detail {
namespace {

std::string quotedName(std::string_view name) {
    std::string q = "\"";
    for (char c : name)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string quotedText(std::string_view text) {
    std::string q = "'";
    for (char c : text)
        q += c == '\'' ? std::string("''") : std::string(1, c);
    return q + "'";
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

// Runs a statement and returns its rows as text.
std::vector<std::vector<std::string>> run(GDALDataset& ds, const std::string& sql) {
    CPLErrorReset();
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    std::vector<std::vector<std::string>> rows;
    if (result) {
        while (OGRFeature* f = result->GetNextFeature()) {
            std::vector<std::string>& row = rows.emplace_back();
            for (int i = 0; i < f->GetFieldCount(); ++i)
                row.emplace_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
            OGRFeature::DestroyFeature(f);
        }
        ds.ReleaseResultSet(result);
    }
    if (CPLGetLastErrorType() == CE_Failure)
        throw std::runtime_error("SQL statement failed (" + sql.substr(0, 60) +
                                 "...): " + CPLGetLastErrorMsg());
    return rows;
}

// 32-bit coordinates rounded outwards exactly as SQLite's rtreeValueDown/rtreeValueUp do.
constexpr double kTowards = 1.0 - 1.0 / 8388608.0;
constexpr double kAway = 1.0 + 1.0 / 8388608.0;
float roundDown(double d) {
    const float f = static_cast<float>(d);
    return f > d ? static_cast<float>(d * (d < 0 ? kAway : kTowards)) : f;
}
float roundUp(double d) {
    const float f = static_cast<float>(d);
    return f < d ? static_cast<float>(d * (d < 0 ? kTowards : kAway)) : f;
}

struct Cell {
    std::int64_t id;          // a feature id in leaves, the index of a child node one level down elsewhere
    std::array<float, 4> box; // minx, maxx, miny, maxy
};
using Node = std::vector<Cell>;

// Sort-tile-recursive packing: vertical slices by x, then runs of `capacity` cells by y.
std::vector<Node> pack(std::vector<Cell> cells, std::size_t capacity) {
    const auto byX = [](const Cell& a, const Cell& b) {
        const float ax = a.box[0] + a.box[1], bx = b.box[0] + b.box[1];
        return ax != bx ? ax < bx : a.id < b.id;
    };
    const auto byY = [](const Cell& a, const Cell& b) {
        const float ay = a.box[2] + a.box[3], by = b.box[2] + b.box[3];
        return ay != by ? ay < by : a.id < b.id;
    };
    const std::size_t nodes = (cells.size() + capacity - 1) / capacity;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    const std::size_t perSlice = (nodes + slices - 1) / slices * capacity;
    std::sort(cells.begin(), cells.end(), byX);
    std::vector<Node> packed;
    for (std::size_t start = 0; start < cells.size(); start += perSlice) {
        const auto first = cells.begin() + static_cast<std::ptrdiff_t>(start);
        const auto last =
            cells.begin() + static_cast<std::ptrdiff_t>(std::min(start + perSlice, cells.size()));
        std::sort(first, last, byY);
        for (auto it = first; it < last;
             it += std::min<std::ptrdiff_t>(last - it, static_cast<std::ptrdiff_t>(capacity)))
            packed.emplace_back(
                it, it + std::min<std::ptrdiff_t>(last - it, static_cast<std::ptrdiff_t>(capacity)));
    }
    return packed;
}

Cell bounds(const Node& node, std::int64_t index) {
    Cell c{index, node.front().box};
    for (const Cell& child : node) {
        c.box[0] = std::min(c.box[0], child.box[0]);
        c.box[1] = std::max(c.box[1], child.box[1]);
        c.box[2] = std::min(c.box[2], child.box[2]);
        c.box[3] = std::max(c.box[3], child.box[3]);
    }
    return c;
}

void putBigEndian(std::uint8_t* at, std::uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i, value >>= 8)
        at[i] = static_cast<std::uint8_t>(value & 0xFF);
}

void appendNumber(std::string& out, std::int64_t value) {
    char buffer[24];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    (void)error;
    out.append(buffer, end);
}

// Appends rows to an INSERT statement and runs it every ~1 MB of SQL.
class BatchInsert {
  public:
    BatchInsert(GDALDataset& ds, std::string table)
        : ds_(ds), head_("INSERT INTO " + quotedName(table) + " VALUES ") {}
    std::string& row() {
        if (sql_.empty())
            sql_ = head_;
        else
            sql_ += ',';
        return sql_;
    }
    void flushIfLarge() {
        if (sql_.size() > (1 << 20))
            flush();
    }
    void flush() {
        if (!sql_.empty())
            run(ds_, sql_);
        sql_.clear();
    }

  private:
    GDALDataset& ds_;
    std::string head_, sql_;
};

} // namespace

BulkSpatialIndex::BulkSpatialIndex(GDALDataset& ds, OGRLayer& layer, bool geopackage) : ds_(ds) {
    const std::string table = layer.GetName(), column = layer.GetGeometryColumn();
    rtree_ = (geopackage ? "rtree_" : "idx_") + table + "_" + column;
    // GDAL's function in a GeoPackage, SpatiaLite's in SpatiaLite: both make the R*Tree, its
    // triggers and the metadata that declares the index.
    run(ds, "SELECT CreateSpatialIndex(" + quotedText(table) + ", " + quotedText(column) + ")");
    const std::string rtree = upper(rtree_);
    for (const auto& trigger :
         run(ds, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = " +
                     quotedText(table))) {
        const std::string sql = upper(trigger.at(1));
        if (sql.find("INSERT ON") != std::string::npos && sql.find(rtree) != std::string::npos) {
            triggers_.push_back(trigger.at(1));
            run(ds, "DROP TRIGGER " + quotedName(trigger.at(0)));
        }
    }
    if (triggers_.empty())
        throw std::runtime_error("no spatial index trigger found for " + table);
}

void BulkSpatialIndex::finish() {
    const auto nodeSize =
        run(ds_, "SELECT length(data) FROM " + quotedName(rtree_ + "_node") + " WHERE nodeno = 1");
    const std::size_t bytes = nodeSize.empty() ? 0 : std::stoul(nodeSize.at(0).at(0));
    const std::size_t capacity = bytes < 4 ? 0 : (bytes - 4) / 24;
    if (capacity < 2)
        throw std::runtime_error("unexpected R*Tree node size in " + rtree_);

    if (!entries_.empty()) {
        // Levels bottom-up: levels[0] are the leaves, levels.back() the root alone.
        std::vector<Cell> cells;
        cells.reserve(entries_.size());
        for (const Entry& e : entries_)
            cells.push_back({e.fid,
                             {roundDown(e.position.x), roundUp(e.position.x), roundDown(e.position.y),
                              roundUp(e.position.y)}});
        std::vector<std::vector<Node>> levels{pack(std::move(cells), capacity)};
        while (levels.back().size() > 1) {
            std::vector<Cell> parents;
            for (std::size_t i = 0; i < levels.back().size(); ++i)
                parents.push_back(bounds(levels.back()[i], static_cast<std::int64_t>(i)));
            levels.push_back(pack(std::move(parents), capacity));
        }
        // Node numbers top-down, the root first as SQLite requires.
        std::vector<std::vector<std::int64_t>> numbers(levels.size());
        std::int64_t next = 1;
        for (std::size_t level = levels.size(); level-- > 0;)
            for (std::size_t i = 0; i < levels[level].size(); ++i)
                numbers[level].push_back(next++);

        for (const char* suffix : {"_node", "_rowid", "_parent"})
            run(ds_, "DELETE FROM " + quotedName(rtree_ + suffix));
        BatchInsert nodes(ds_, rtree_ + "_node"), parents(ds_, rtree_ + "_parent"),
            rowids(ds_, rtree_ + "_rowid");
        std::vector<std::uint8_t> blob(bytes);
        static constexpr char kHex[] = "0123456789ABCDEF";
        for (std::size_t level = levels.size(); level-- > 0;)
            for (std::size_t i = 0; i < levels[level].size(); ++i) {
                const Node& node = levels[level][i];
                const std::int64_t number = numbers[level][i];
                std::fill(blob.begin(), blob.end(), 0);
                if (number == 1)
                    putBigEndian(blob.data(), levels.size() - 1, 2); // the depth
                putBigEndian(blob.data() + 2, node.size(), 2);
                for (std::size_t c = 0; c < node.size(); ++c) {
                    std::uint8_t* at = blob.data() + 4 + 24 * c;
                    const std::int64_t id =
                        level == 0 ? node[c].id : numbers[level - 1][static_cast<std::size_t>(node[c].id)];
                    putBigEndian(at, static_cast<std::uint64_t>(id), 8);
                    for (int k = 0; k < 4; ++k)
                        putBigEndian(at + 8 + 4 * k,
                                     std::bit_cast<std::uint32_t>(node[c].box[static_cast<std::size_t>(k)]),
                                     4);
                    std::string& row = level == 0 ? rowids.row() : parents.row();
                    row += '(';
                    appendNumber(row, id);
                    row += ',';
                    appendNumber(row, number);
                    row += ')';
                }
                std::string& row = nodes.row();
                row += '(';
                appendNumber(row, number);
                row += ",X'";
                for (std::uint8_t b : blob) {
                    row += kHex[b >> 4];
                    row += kHex[b & 0xF];
                }
                row += "')";
                nodes.flushIfLarge();
                parents.flushIfLarge();
                rowids.flushIfLarge();
            }
        nodes.flush();
        parents.flush();
        rowids.flush();
    }
    for (const std::string& trigger : triggers_)
        run(ds_, trigger);
    entries_.clear();
}

} // namespace firebeat::detail
