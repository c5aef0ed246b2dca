/* posture-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POSTURE_JSON_ERROR     (posture_json_error_quark ())
#define POSTURE_SNAPSHOT_ERROR (posture_snapshot_error_quark ())
#define POSTURE_ENGINE_ERROR   (posture_engine_error_quark ())
#define POSTURE_STORE_ERROR    (posture_store_error_quark ())
#define POSTURE_TRAINING_ERROR (posture_training_error_quark ())

/* Codes say what the caller should do, not what went wrong inside. */
typedef enum
{
  POSTURE_JSON_ERROR_PARSE,      /* not JSON at all, or truncated */
  POSTURE_JSON_ERROR_TOO_DEEP,   /* nesting beyond the bound: rejected before parsing */
  POSTURE_JSON_ERROR_TOO_LARGE,  /* larger than the caller allows */
  POSTURE_JSON_ERROR_TYPE,       /* valid JSON of the wrong shape */
} PostureJsonError;

typedef enum
{
  POSTURE_SNAPSHOT_ERROR_INVALID,             /* not a snapshot; message names file and JSON path */
  POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION, /* a newer format: upgrade Posture */
} PostureSnapshotError;

typedef enum
{
  POSTURE_ENGINE_ERROR_UNKNOWN_CONTROL,
  POSTURE_ENGINE_ERROR_UNKNOWN_PROFILE,
  POSTURE_ENGINE_ERROR_CATALOG,               /* the built-in catalog is damaged: a build problem */
} PostureEngineError;

typedef enum
{
  POSTURE_STORE_ERROR_CORRUPT,        /* moved aside; a fresh file replaces it */
  POSTURE_STORE_ERROR_NEWER_VERSION,  /* written by a newer Posture; moved aside */
  POSTURE_STORE_ERROR_IO,             /* disk full, read-only, permissions */
  POSTURE_STORE_ERROR_NOT_FOUND,      /* nothing stored yet */
} PostureStoreError;

typedef enum
{
  POSTURE_TRAINING_ERROR_INVALID,     /* a module fails validation; message names file and field */
  POSTURE_TRAINING_ERROR_NOT_FOUND,
} PostureTrainingError;

GQuark posture_json_error_quark     (void);
GQuark posture_snapshot_error_quark (void);
GQuark posture_engine_error_quark   (void);
GQuark posture_store_error_quark    (void);
GQuark posture_training_error_quark (void);

G_END_DECLS
