// Who may see which layer, from the configuration's "access" section: each layer public (the
// default) or for callers with a token, and the fields its feature info may return. Tokens are
// kept as SHA-256 hex digests (`firebeat serve --hash-token` makes one); callers send the token
// as `Authorization: Bearer TOKEN` or, for clients that cannot set headers, a TOKEN parameter.
//
// A caller sees a catalogue of the layers it may see, so every service (capabilities, GetMap,
// GetFeatureInfo, legends, WMTS, XYZ) treats the others as absent (LayerNotDefined, 404), and
// feature info carries only the allowed fields.
#pragma once

#include "access_policy.h"
#include "map_layer.h"

#include <QUrl>

#include <map>
#include <memory>
#include <mutex>

namespace firebeat::ogc {

// SHA-256 of `token` as lower-case hex.
QByteArray tokenDigest(const QByteArray& token);

enum class Caller { Anonymous, WithToken, BadToken };

// The caller of a request: `token` from the Authorization header ("Bearer ...") or the TOKEN
// parameter, empty when neither was sent.
Caller identify(const AccessPolicy& policy, const QByteArray& token);

// The token a request carries: the Bearer credentials, else the TOKEN query parameter (any case).
QByteArray requestToken(const QByteArray& authorization, const QUrl& url);

// The layers of one catalogue as each kind of caller sees them, built once per catalogue.
class AccessFilter {
  public:
    explicit AccessFilter(AccessPolicy policy) : policy_(std::move(policy)) {}
    const AccessPolicy& policy() const { return policy_; }
    // `full` itself when the policy restricts nothing for `caller`.
    std::shared_ptr<const Catalogue> visible(const std::shared_ptr<const Catalogue>& full, Caller caller);

  private:
    AccessPolicy policy_;
    std::mutex mutex_;
    std::weak_ptr<const Catalogue> of_; // the catalogue the views below were built from
    std::map<Caller, std::shared_ptr<const Catalogue>> views_;
};

} // namespace firebeat::ogc
