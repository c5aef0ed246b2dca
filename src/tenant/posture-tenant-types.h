/* posture-tenant-types.h: shared types of the tenant client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PostureEndpoints      PostureEndpoints;
typedef struct _PostureOAuth          PostureOAuth;
typedef struct _PostureTenantClient   PostureTenantClient;
typedef struct _PostureTenantProgress PostureTenantProgress;
typedef struct _PostureDeviceCode     PostureDeviceCode;
typedef struct _PostureTokenStore     PostureTokenStore;

/**
 * PostureHttpOptions:
 * @max_attempts: attempts per request, first one included (default 5)
 * @base_delay_ms: first backoff delay; doubled per attempt, plus up to 50 % jitter (default 500)
 * @max_delay_ms: cap of one backoff delay (default 30000)
 * @max_total_wait_ms: cap of all the waiting one request may do (default 600000)
 * @request_timeout_s: per-request I/O timeout (SoupSession:timeout, default 30): how long
 *   one read or write may stall, not how long an answer may take
 * @read_deadline_s: deadline of a whole snapshot read, and of any one request (default
 *   600; 0 = none); posture_oauth_set_timeout() sets one for everything
 * @max_per_host: concurrent requests per host (default 8), and one more for an urgent
 *   request (the next page of a list, a token) when those are taken
 * @device_poll_min_ms: lower bound of the device-code polling interval (default 1000)
 * @slow_down_increment_ms: added to the polling interval on `slow_down` (RFC 8628: 5000)
 * @expiry_margin_s: an access token is renewed this long before it expires (default 120)
 * @max_retry_after_s: the longest Retry-After honoured (default 300); a longer one fails
 *   at once with the service's words
 * @max_body_bytes: the largest answer read, decompressed (default 256 MiB)
 * @max_pages: pages of one list (environments, Graph lists) at most (default 10000)
 * @max_items: per-item requests of one kind (DLP policies, Dataverse environments, group
 *   members) at most (default 50000)
 *
 * How the HTTP layer retries and waits. Start from
 * posture_http_options_init_default() and change what you need; tests make
 * the delays tiny so they run fast.
 */
typedef struct
{
  guint max_attempts;
  guint base_delay_ms;
  guint max_delay_ms;
  guint max_total_wait_ms;
  guint request_timeout_s;
  guint read_deadline_s;
  guint max_per_host;
  guint device_poll_min_ms;
  guint slow_down_increment_ms;
  guint expiry_margin_s;
  guint max_retry_after_s;
  gsize max_body_bytes;
  guint max_pages;
  guint max_items;
} PostureHttpOptions;

void posture_http_options_init_default (PostureHttpOptions *options);

/* Secrets returned by this library (posture_token_store_lookup_finish()) are
 * plain g_malloc() memory; free them with posture_secret_free(), which wipes
 * them first. g_autoptr(PostureSecret) does that automatically. */
typedef char PostureSecret;

void posture_secret_free (char *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureSecret, posture_secret_free)

G_END_DECLS
