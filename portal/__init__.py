"""Setagaya plan-progress portal: the application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask

from portal import config as config_module


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: Defaults, then PORTAL_* variables, then CONFIG; wire extensions and blueprints."""
    app = Flask(__name__, instance_relative_config=False)
    from portal.params import BoundedInt

    app.url_map.converters["int"] = BoundedInt  # before any blueprint adds an <int:…> rule
    app.config.from_object(config_module.Defaults)
    app.config.update(config_module.from_environ())
    if config:
        app.config.update(config)
    from portal import secret, urls

    secret.init_app(app)
    urls.init_app(app)
    from portal.methods import HeadAsGet

    app.wsgi_app = HeadAsGet(app.wsgi_app)  # type: ignore[method-assign]
    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    from portal import cache, chrome, db, errors, i18n, logs, security
    from portal.catalog.services import data_stamp
    from portal.search import index as search_index

    db.init_app(app)
    cache.init_app(app, data_stamp=data_stamp)
    logs.init_app(app)
    i18n.init_app(app)
    chrome.init_app(app)
    from portal.catalog import documents

    documents.init_app(app)
    security.init_app(app)
    from portal.areas import search as areas_search
    from portal.catalog import search as catalog_search
    from portal.plan import search as plan_search
    from portal.review import search as review_search

    search_index.init_app(app, [catalog_search.ADAPTER, plan_search.ADAPTER, areas_search.ADAPTER,
                                review_search.ADAPTER])
    errors.init_app(app)

    _register_features(app)
    from portal.cli import register_commands

    register_commands(app)
    return app


def _register_features(app: Flask) -> None:
    """Register every feature's pages, in the order of the layers (docs/architecture.md)."""
    from portal.plan.views import bp as plan_bp
    from portal.site.views import bp as site_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(plan_bp)
    from portal.catalog.views import bp as catalog_bp

    app.register_blueprint(catalog_bp)
    from portal import api

    api.register(app)
    from portal.areas.views import bp as areas_bp

    app.register_blueprint(areas_bp)
    from portal.search.views import bp as search_bp

    app.register_blueprint(search_bp)

    from portal import consult, easy, notify, publishing, review, staff, updates

    consult.init_app(app)
    review.init_app(app)  # adds its pages to the staff blueprint, so before staff.init_app
    staff.init_app(app)
    publishing.init_app(app)
    updates.init_app(app)
    notify.init_app(app)
    easy.init_app(app)
