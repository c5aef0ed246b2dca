/* posture-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-error"

#include "config.h"

#include "posture-error.h"

G_DEFINE_QUARK (posture-json-error-quark, posture_json_error)
G_DEFINE_QUARK (posture-snapshot-error-quark, posture_snapshot_error)
G_DEFINE_QUARK (posture-engine-error-quark, posture_engine_error)
G_DEFINE_QUARK (posture-store-error-quark, posture_store_error)
G_DEFINE_QUARK (posture-training-error-quark, posture_training_error)
