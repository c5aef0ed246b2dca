/* posture-tenant-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include "posture-tenant-error.h"

G_DEFINE_QUARK (posture-client-error-quark, posture_client_error)
G_DEFINE_QUARK (posture-token-store-error-quark, posture_token_store_error)
