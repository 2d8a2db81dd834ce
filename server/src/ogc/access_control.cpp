#include "access_control.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QUrlQuery>

namespace firebeat::ogc {
namespace {

// A layer as a caller sees it: the same drawing, feature info cut down to the allowed fields.
class RestrictedLayer final : public MapLayer {
  public:
    RestrictedLayer(const MapLayer& layer, std::optional<QStringList> fields)
        : layer_(layer), fields_(std::move(fields)) {}
    QString name() const override { return layer_.name(); }
    QString title() const override { return layer_.title(); }
    QString abstract() const override { return layer_.abstract(); }
    bool queryable() const override { return layer_.queryable(); }
    Envelope lonLatExtent() const override { return layer_.lonLatExtent(); }
    std::vector<LayerDimension> dimensions() const override { return layer_.dimensions(); }
    QImage render(const MapView& view, const HazardSelection& selection,
                  const CancelFlag* cancel) const override {
        return layer_.render(view, selection, cancel);
    }
    QJsonArray featureInfo(const MapView& view, int i, int j,
                           const HazardSelection& selection) const override {
        const QJsonArray features = layer_.featureInfo(view, i, j, selection);
        if (!fields_)
            return features;
        QJsonArray out;
        for (const QJsonValue& feature : features) {
            QJsonObject kept;
            const QJsonObject properties = feature.toObject();
            for (const QString& field : *fields_)
                if (properties.contains(field))
                    kept.insert(field, properties.value(field));
            out.append(kept);
        }
        return out;
    }
    QImage legend() const override { return layer_.legend(); }

  private:
    const MapLayer& layer_;
    std::optional<QStringList> fields_; // none: every field
};

// A view of a catalogue: its own layer objects, forwarding to the catalogue's (kept alive).
struct CatalogueView : Catalogue {
    std::shared_ptr<const Catalogue> full;
};

// Equal digests without an early exit on the first differing byte.
bool sameDigest(const QByteArray& a, const QByteArray& b) {
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

QByteArray tokenDigest(const QByteArray& token) {
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}

Caller identify(const AccessPolicy& policy, const QByteArray& token) {
    if (token.isEmpty())
        return Caller::Anonymous;
    const QByteArray digest = tokenDigest(token);
    bool known = false;
    for (const QByteArray& d : policy.tokenDigests)
        known = sameDigest(d, digest) || known; // every digest compared
    return known ? Caller::WithToken : Caller::BadToken;
}

QByteArray requestToken(const QByteArray& authorization, const QUrl& url) {
    const QByteArray header = authorization.trimmed();
    if (header.size() > 7 && header.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return header.mid(7).trimmed();
    for (const auto& [name, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        if (name.compare("TOKEN", Qt::CaseInsensitive) == 0)
            return value.toUtf8();
    return {};
}

std::shared_ptr<const Catalogue> AccessFilter::visible(const std::shared_ptr<const Catalogue>& full,
                                                       Caller caller) {
    if (!policy_.restricts())
        return full;
    std::lock_guard lock(mutex_);
    if (of_.lock() != full) {
        views_.clear();
        of_ = full;
    }
    std::shared_ptr<const Catalogue>& view = views_[caller];
    if (!view) {
        auto made = std::make_shared<CatalogueView>();
        made->dataVersion = full->dataVersion;
        made->analysisCrs = full->analysisCrs;
        made->moreCrs = full->moreCrs;
        made->full = full;
        for (const auto& layer : full->layers) {
            const LayerAccess access = policy_.layers.value(layer->name());
            if (access.tokenRequired && caller != Caller::WithToken)
                continue;
            made->layers.push_back(std::make_unique<RestrictedLayer>(*layer, access.infoFields));
        }
        view = made;
    }
    return view;
}

} // namespace firebeat::ogc
