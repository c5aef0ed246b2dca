/* posture-session-private.h: PostureSession's instance, shared by the files that
 * make up the class (one concern each):
 *   posture-session.c           properties, construction, opening a tenant
 *   posture-session-reading.c   the read → assess → record machine and the cache
 *   posture-session-decisions.c decisions and their store
 *   posture-session-what-if.c   simulated fixes and the projected score
 *   posture-session-fix.c       fixes through the API
 *   posture-session-demo.c      resetting the demo tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-decision-store.h"
#include "posture-demo-server.h"
#include "posture-history.h"
#include "posture-pending-fix.h"
#include "posture-pending-store.h"
#include "posture-session.h"

G_BEGIN_DECLS

struct _PostureSession
{
  GObject                parent_instance;

  /* Owned */
  PostureDemoServer     *demo_server;    /* NULL unless demo */
  PostureTenantClient   *client;
  PostureTenantProgress *progress;
  PostureSnapshot       *snapshot;
  PostureAssessment     *assessment;
  GHashTable            *decisions;      /* control id (or "control/resource") → PostureDecision;
                                          * replaced, never modified (the engine reads it) */
  PostureDecisionStore  *decision_store; /* NULL for the demo: its decisions stay in memory */
  PostureHistory        *history;
  char                  *tenant_key;     /* "demo", or the tenant as the user typed it */
  GHashTable            *what_if;        /* set of control ids */
  PostureFixRunner      *runner;         /* created on the first fix */
  GPtrArray             *pending;        /* PosturePendingFix: changes the demo is still
                                          * carrying out, polled before the next reading */
  PosturePendingStore   *pending_store;  /* a tenant's (not the demo's): the same, kept with
                                          * its state; created on first use */
  GCancellable          *cancellable;    /* assessments and state loads; cancelled in dispose */
  GError                *error;
  char                  *title;

  PostureScore           projected;      /* with the simulated and planned fixes */
  gboolean               has_projection;
  guint                  projection_generation;

  PostureProfile         profile;
  guint                  busy;
  guint                  generation;     /* drops the result of a superseded assessment */

  /* Opening the cached reading (posture-session-reading.c): the mapped view waits for
   * the decisions, so that the first score drawn is the one they give. */
  guint                  cache_state;    /* SessionCacheState */
  PostureSnapshot       *cached_view;    /* mapped, waiting for the decisions */
  GError                *cache_error;    /* of a load no caller has claimed yet */
  GPtrArray             *cache_waiters;  /* GTask: posture_session_load_cache_async() */
  gboolean               decisions_loaded;
  gboolean               shown;          /* a window has drawn an assessment */
  gboolean               document_wanted; /* the raw document behind the view, once shown */
};

typedef enum
{
  POSTURE_SESSION_CACHE_NONE,
  POSTURE_SESSION_CACHE_LOADING,
  POSTURE_SESSION_CACHE_UNCLAIMED        /* opened before any caller asked for it */
} SessionCacheState;

typedef enum
{
  POSTURE_SESSION_PROP_0,
  POSTURE_SESSION_PROP_DEMO,
  POSTURE_SESSION_PROP_TITLE,
  POSTURE_SESSION_PROP_BUSY,
  POSTURE_SESSION_PROP_PROGRESS,
  POSTURE_SESSION_PROP_SNAPSHOT,
  POSTURE_SESSION_PROP_ASSESSMENT,
  POSTURE_SESSION_PROP_PROFILE,
  POSTURE_SESSION_PROP_PROJECTED_PERCENT,
  POSTURE_SESSION_PROP_PROJECTED_LEVEL,
  POSTURE_SESSION_PROP_WHAT_IF,
  POSTURE_SESSION_PROP_ERROR,
  POSTURE_SESSION_PROP_HISTORY,
  POSTURE_SESSION_N_PROPS
} PostureSessionProperty;

void _posture_session_notify         (PostureSession         *self,
                                      PostureSessionProperty  prop);
void _posture_session_notify_projected (PostureSession       *self);
void _posture_session_hold           (PostureSession         *self);
void _posture_session_release        (PostureSession         *self);
void _posture_session_set_error      (PostureSession         *self,
                                      const GError           *error);
void _posture_session_emit_recorded  (PostureSession         *self);

/* posture-session-reading.c */
void _posture_session_take_snapshot  (PostureSession         *self,
                                      PostureSnapshot        *snapshot);
/* Assesses the current snapshot again; @task (nullable) completes with it. */
void _posture_session_assess         (PostureSession         *self,
                                      GTask                  *task);
/* Reads the tenant, assesses and records it; @task completes with a boolean. */
void _posture_session_read           (PostureSession         *self,
                                      GTask                  *task);
/* Starts opening the cached reading, unless it is being opened already. */
void _posture_session_open_cache     (PostureSession         *self);
/* The decisions are loaded: a cached view waiting for them is shown. */
void _posture_session_publish_cache  (PostureSession         *self);

/* posture-session-decisions.c */
void _posture_session_open_decisions (PostureSession         *self);
void _posture_session_forget_decisions (PostureSession       *self);

/* posture-session-fix.c */
/* Polls the pending changes once; @task completes with a boolean. */
void _posture_session_poll_pending   (PostureSession         *self,
                                      GTask                  *task);
/* Whether a reading starts with a poll: a tenant's store may hold some. */
gboolean _posture_session_has_pending (PostureSession        *self);
/* (transfer none) (nullable): the tenant's store; NULL for the demo, whose changes end
 * with it (they stay in memory). */
PosturePendingStore *_posture_session_get_pending_store (PostureSession *self);

/* posture-session-what-if.c */
void _posture_session_forget_what_if (PostureSession         *self);
void _posture_session_project        (PostureSession         *self);

/* posture-session.c */
void _posture_session_open_history   (PostureSession         *self);

G_END_DECLS
