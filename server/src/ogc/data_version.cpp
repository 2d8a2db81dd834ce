#include "data_version.h"

#include "firebeat/progress.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <system_error>

namespace firebeat::ogc {
namespace {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

DatasetPtr openReadOnly(const std::string& source) {
    GDALAllRegister();
    CPLErrorReset();
    DatasetPtr ds(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds)
        throw InputError("cannot open data source '" + source +
                         "' to check it for changes: " + CPLGetLastErrorMsg());
    return ds;
}

// The first row of `sql`'s result, its fields as text separated by commas.
std::string firstRow(GDALDataset& ds, const std::string& sql) {
    CPLErrorReset();
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (!result)
        throw InputError("checking the data for changes failed (" + sql + "): " + CPLGetLastErrorMsg());
    std::string row;
    if (OGRFeature* f = result->GetNextFeature()) {
        for (int i = 0; i < f->GetFieldCount(); ++i)
            row += std::string(f->GetFieldAsString(i)) + ",";
        OGRFeature::DestroyFeature(f);
    }
    ds.ReleaseResultSet(result);
    return row;
}

class SqliteProbe final : public DataVersionProbe {
  public:
    // The connection stays open: data_version counts the other connections' commits since then.
    explicit SqliteProbe(DatasetPtr ds) : ds_(std::move(ds)) {}
    std::string token() override { return firstRow(*ds_, "PRAGMA data_version"); }
    bool sharedAcrossProcesses() const override { return false; }

  private:
    DatasetPtr ds_;
};

// "schema.table" -> "schema"."table".
std::string quotedTable(const std::string& name) {
    std::string out = "\"";
    for (const char c : name) {
        if (c == '.')
            out += "\".\"";
        else
            out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

class PostgresProbe final : public DataVersionProbe {
  public:
    PostgresProbe(std::string source, std::vector<std::string> tables)
        : source_(std::move(source)), tables_(std::move(tables)) {}

    std::string token() override {
        try {
            if (!ds_)
                connect();
            const std::string snapshot = firstRow(*ds_, "SELECT pg_current_snapshot()::text");
            if (snapshot != snapshot_) {
                rows_ = firstRow(*ds_, rowsQuery_);
                snapshot_ = snapshot;
            }
            return rows_;
        } catch (const InputError&) {
            ds_.reset(); // reconnect on the next call
            snapshot_.clear();
            throw;
        }
    }

  private:
    void connect() {
        ds_ = openReadOnly(source_);
        // Each column named: OGR merges result columns of the same name.
        rowsQuery_ = "SELECT 0 AS t0";
        for (std::size_t i = 0; i < tables_.size(); ++i)
            if (ds_->GetLayerByName(tables_[i].c_str())) // optional layers may be missing
                rowsQuery_ += ", (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM " +
                              quotedTable(tables_[i]) + ") AS t" + std::to_string(i + 1);
    }

    std::string source_;
    std::vector<std::string> tables_;
    DatasetPtr ds_;
    std::string rowsQuery_;
    std::string snapshot_, rows_;
};

class FileProbe final : public DataVersionProbe {
  public:
    explicit FileProbe(std::filesystem::path path) : path_(std::move(path)) {}

    // Size and modification time of the source file and its siblings of the same base name
    // (a Shapefile's .shp, .dbf, .shx), or of every file of a source folder.
    std::string token() override {
        namespace fs = std::filesystem;
        std::error_code ec;
        const bool folder = fs::is_directory(path_, ec);
        std::string token;
        for (const auto& entry : fs::directory_iterator(folder ? path_ : path_.parent_path(), ec)) {
            if (!folder && entry.path().stem() != path_.stem())
                continue;
            const auto size = entry.is_regular_file(ec) ? entry.file_size(ec) : 0;
            token += entry.path().filename().string() + ":" + std::to_string(size) + ":" +
                     std::to_string(entry.last_write_time(ec).time_since_epoch().count()) + ";";
        }
        return token;
    }

  private:
    std::filesystem::path path_;
};

} // namespace

std::unique_ptr<DataVersionProbe> makeDataVersionProbe(const std::string& source,
                                                       const std::vector<std::string>& tables) {
    if (source.size() > 3 && EQUALN(source.c_str(), "PG:", 3))
        return std::make_unique<PostgresProbe>(source, tables);
    DatasetPtr ds = openReadOnly(source);
    const std::string driver = ds->GetDriverName();
    if (driver == "SQLite" || driver == "GPKG")
        return std::make_unique<SqliteProbe>(std::move(ds));
    return std::make_unique<FileProbe>(source);
}

} // namespace firebeat::ogc
