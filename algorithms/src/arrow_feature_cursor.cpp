// The Arrow transport: OGR hands over record batches of columns (GeoPackage implements it
// natively), which we walk row by row without building OGRFeature objects.
#include "feature_cursor.h"

#include <ogr_recordbatch.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstring>

namespace firebeat {
namespace {

// One column of the current batch, typed by its Arrow format string.
struct Column {
    const ArrowSchema* schema = nullptr;
    const ArrowArray* array = nullptr;
    std::string_view format;

    bool isNull(std::int64_t row) const {
        const auto* validity = static_cast<const std::uint8_t*>(array->buffers[0]);
        const std::int64_t i = row + array->offset;
        return validity && !(validity[i / 8] & (1u << (i % 8)));
    }
    template <class T> T value(std::int64_t row) const {
        return static_cast<const T*>(array->buffers[1])[row + array->offset];
    }
    std::string_view bytes(std::int64_t row) const {
        const std::int64_t i = row + array->offset;
        const auto* data = static_cast<const char*>(array->buffers[2]);
        if (format == "U" || format == "Z") {
            const auto* off = static_cast<const std::int64_t*>(array->buffers[1]);
            return {data + off[i], static_cast<std::size_t>(off[i + 1] - off[i])};
        }
        const auto* off = static_cast<const std::int32_t*>(array->buffers[1]);
        return {data + off[i], static_cast<std::size_t>(off[i + 1] - off[i])};
    }
    bool isText() const { return format == "u" || format == "U"; }
    bool isBinary() const { return format == "z" || format == "Z"; }

    std::optional<std::int64_t> integer(std::int64_t row) const {
        if (format == "l")
            return value<std::int64_t>(row);
        if (format == "i")
            return value<std::int32_t>(row);
        if (format == "s")
            return value<std::int16_t>(row);
        if (format == "c")
            return value<std::int8_t>(row);
        if (format == "b")
            return (static_cast<const std::uint8_t*>(array->buffers[1])[(row + array->offset) / 8] >>
                    ((row + array->offset) % 8)) & 1;
        return std::nullopt;
    }
};

class ArrowFeatureCursor final : public FeatureCursor {
  public:
    ArrowFeatureCursor(OGRLayer& layer, std::vector<int> fields) : layer_(layer), fields_(std::move(fields)) {}
    ~ArrowFeatureCursor() override {
        releaseBatch();
        if (schema_.release)
            schema_.release(&schema_);
        if (stream_.release)
            stream_.release(&stream_);
    }
    ArrowFeatureCursor(const ArrowFeatureCursor&) = delete;
    ArrowFeatureCursor& operator=(const ArrowFeatureCursor&) = delete;

    // False when the stream's layout is not what we understand: the caller falls back.
    bool open() {
        const char* options[] = {"INCLUDE_FID=YES", nullptr};
        if (!layer_.GetArrowStream(&stream_, const_cast<char**>(options)))
            return false;
        if (stream_.get_schema(&stream_, &schema_) != 0)
            return false;
        OGRFeatureDefn* defn = layer_.GetLayerDefn();
        const std::string fidName = layer_.GetFIDColumn()[0] ? layer_.GetFIDColumn() : "OGC_FID";
        const std::string geomName = layer_.GetGeometryColumn()[0] ? layer_.GetGeometryColumn() : "wkb_geometry";
        fieldChild_.assign(fields_.size(), -1);
        for (std::int64_t c = 0; c < schema_.n_children; ++c) {
            const std::string_view name = schema_.children[c]->name;
            if (name == fidName)
                fidChild_ = c;
            else if (name == geomName && defn->GetGeomFieldCount() > 0)
                geomChild_ = c;
            for (std::size_t f = 0; f < fields_.size(); ++f)
                if (name == defn->GetFieldDefn(fields_[f])->GetNameRef())
                    fieldChild_[f] = c;
        }
        if (fidChild_ < 0 || std::find(fieldChild_.begin(), fieldChild_.end(), std::int64_t{-1}) != fieldChild_.end())
            return false;
        return defn->GetGeomFieldCount() == 0 || geomChild_ >= 0;
    }

    bool next() override {
        while (++row_ >= batchRows_) {
            releaseBatch();
            if (stream_.get_next(&stream_, &batch_) != 0 || !batch_.release)
                return false;
            batchRows_ = batch_.length;
            row_ = -1;
            columns_.clear();
            for (std::int64_t c = 0; c < schema_.n_children; ++c)
                columns_.push_back({schema_.children[c], batch_.children[c], schema_.children[c]->format});
        }
        return true;
    }

    std::int64_t fid() const override { return *columns_[static_cast<std::size_t>(fidChild_)].integer(row_); }
    bool isNull(std::size_t c) const override { return column(c).isNull(row_); }

    std::string text(std::size_t c) const override {
        const Column& col = column(c);
        if (col.isText())
            return std::string(col.bytes(row_));
        if (const auto i = col.integer(row_))
            return std::to_string(*i);
        if (col.format == "g")
            return std::to_string(col.value<double>(row_));
        if (const auto t = timestamp(c))
            return formatTimestamp(*t);
        return {};
    }

    std::optional<std::int64_t> integer(std::size_t c) const override {
        const Column& col = column(c);
        if (const auto i = col.integer(row_))
            return i;
        if (col.format == "g" || col.format == "f" || col.isText())
            return integerFromText(text(c));
        return std::nullopt;
    }

    std::optional<double> real(std::size_t c) const override {
        const Column& col = column(c);
        if (col.format == "g")
            return col.value<double>(row_);
        if (col.format == "f")
            return col.value<float>(row_);
        if (const auto i = col.integer(row_))
            return static_cast<double>(*i);
        if (col.isText())
            return realFromText(text(c));
        return std::nullopt;
    }

    std::optional<Timestamp> timestamp(std::size_t c) const override {
        const Column& col = column(c);
        if (col.isText())
            return parseTimestamp(col.bytes(row_));
        if (col.format == "tdD") // days since the epoch, a civil date: midnight CST
            return std::int64_t{col.value<std::int32_t>(row_)} * kSecondsPerDay - kDefaultUtcOffsetMinutes * 60;
        if (col.format.starts_with("ts")) {
            const std::int64_t v = col.value<std::int64_t>(row_);
            const char unit = col.format.size() > 2 ? col.format[2] : 'm';
            const std::int64_t perSecond = unit == 's' ? 1 : unit == 'm' ? 1000 : unit == 'u' ? 1000000 : 1000000000;
            const std::int64_t seconds = v >= 0 ? v / perSecond : -((-v + perSecond - 1) / perSecond);
            // Arrow: with a time zone the value is UTC; without one it is wall-clock (here CST).
            const bool naive = col.format.size() <= 4;
            return naive ? seconds - kDefaultUtcOffsetMinutes * 60 : seconds;
        }
        return std::nullopt;
    }

    std::span<const std::uint8_t> wkb() const override {
        if (geomChild_ < 0)
            return {};
        const Column& col = columns_[static_cast<std::size_t>(geomChild_)];
        if (col.isNull(row_))
            return {};
        const std::string_view b = col.bytes(row_);
        return {reinterpret_cast<const std::uint8_t*>(b.data()), b.size()};
    }

  private:
    const Column& column(std::size_t c) const { return columns_[static_cast<std::size_t>(fieldChild_[c])]; }
    void releaseBatch() {
        if (batch_.release)
            batch_.release(&batch_);
        std::memset(&batch_, 0, sizeof batch_);
    }

    OGRLayer& layer_;
    std::vector<int> fields_;
    ArrowArrayStream stream_{};
    ArrowSchema schema_{};
    ArrowArray batch_{};
    std::vector<Column> columns_;
    std::int64_t fidChild_ = -1, geomChild_ = -1;
    std::vector<std::int64_t> fieldChild_;
    std::int64_t row_ = -1, batchRows_ = 0;
};

} // namespace

std::unique_ptr<FeatureCursor> openArrowFeatureCursor(OGRLayer& layer, const std::vector<int>& fieldIndices) {
    auto cursor = std::make_unique<ArrowFeatureCursor>(layer, fieldIndices);
    if (!cursor->open())
        return nullptr;
    return cursor;
}

} // namespace firebeat
