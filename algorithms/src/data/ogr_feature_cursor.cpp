// The feature-by-feature transport: any driver.
#include "data/feature_cursor.h"

#include <ogrsf_frmts.h>

namespace firebeat {
namespace {

class OgrFeatureCursor final : public FeatureCursor {
  public:
    OgrFeatureCursor(OGRLayer& layer, std::vector<int> fields) : layer_(layer), fields_(std::move(fields)) {}

    bool next() override {
        feature_.reset(layer_.GetNextFeature());
        if (!feature_)
            return false;
        wkb_.clear();
        if (const OGRGeometry* g = feature_->GetGeometryRef()) {
            wkb_.resize(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, wkb_.data(), wkbVariantIso);
        }
        return true;
    }
    std::int64_t fid() const override { return feature_->GetFID(); }
    bool isNull(std::size_t c) const override { return !feature_->IsFieldSetAndNotNull(fields_[c]); }
    std::string_view text(std::size_t c) const override { return feature_->GetFieldAsString(fields_[c]); }

    std::optional<std::int64_t> integer(std::size_t c) const override {
        const int i = fields_[c];
        switch (feature_->GetFieldDefnRef(i)->GetType()) {
        case OFTInteger:
        case OFTInteger64:
            return feature_->GetFieldAsInteger64(i);
        default:
            return integerFromText(feature_->GetFieldAsString(i));
        }
    }

    std::optional<double> real(std::size_t c) const override {
        const int i = fields_[c];
        switch (feature_->GetFieldDefnRef(i)->GetType()) {
        case OFTInteger:
        case OFTInteger64:
        case OFTReal:
            return feature_->GetFieldAsDouble(i);
        default:
            return realFromText(feature_->GetFieldAsString(i));
        }
    }

    std::optional<Timestamp> timestamp(std::size_t c) const override {
        const int i = fields_[c];
        const OGRFieldType type = feature_->GetFieldDefnRef(i)->GetType();
        if (type != OFTDate && type != OFTDateTime)
            return parseTimestamp(feature_->GetFieldAsString(i));
        const OGRField* raw = feature_->GetRawFieldRef(i);
        const auto& d = raw->Date;
        // OGR's TZFlag: 100 = UTC, 100 +/- 4n = offset of n quarter hours; else unknown/local.
        const int offset = d.TZFlag > 1 ? (d.TZFlag - 100) * 15 : kDefaultUtcOffsetMinutes;
        return makeTimestamp(d.Year, d.Month, d.Day, d.Hour, d.Minute, static_cast<int>(d.Second), offset);
    }

    std::span<const std::uint8_t> wkb() const override { return wkb_; }

  private:
    OGRLayer& layer_;
    std::vector<int> fields_;
    std::unique_ptr<OGRFeature> feature_;
    std::vector<std::uint8_t> wkb_;
};

} // namespace

std::unique_ptr<FeatureCursor> openOgrFeatureCursor(OGRLayer& layer, const std::vector<int>& fieldIndices) {
    return std::make_unique<OgrFeatureCursor>(layer, fieldIndices);
}

} // namespace firebeat
