#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the remediation planner's test fixtures (snapshots) next to this script.

The fixtures are committed; this script documents how each was built and regenerates
them. tests/core/test-remediation.c states the plan expected for every control.

mixed.json: one environment per precondition the plans check.
  Default  Default, managed (custom extended settings), Dataverse: everything off,
           0.0.0.0/0 in the firewall's second list column
  Prod A   Production, managed, Dataverse: firewall in audit mode with a real list,
           auditing on, CSP for canvas off, sharing limited, cookie binding on
  Prod B   Production, unmanaged, Dataverse: everything off, columns re-cased
           ("IsAuditEnabled")
  Sand C   Sandbox, unmanaged, no Dataverse
  Trial D  Trial, unmanaged, Dataverse: everything off
  Dev E    Developer, unmanaged, Dataverse: everything off
  Prod F   Production, managed, in an environment group, Dataverse unreadable (403)
  Prod G   Production, managed, Dataverse: everything on (firewall enforced)
Tenant settings all failing (one member re-cased), tenant isolation off with one
allowed tenant, one DLP policy scoped to Prod A only.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TENANT = "11111111-2222-3333-4444-555555555555"
DEFAULT = f"Default-{TENANT}"
PROD_A = "aaaaaaaa-0000-0000-0000-000000000001"
PROD_B = "bbbbbbbb-0000-0000-0000-000000000002"
SAND_C = "cccccccc-0000-0000-0000-000000000003"
TRIAL_D = "dddddddd-0000-0000-0000-000000000004"
DEV_E = "eeeeeeee-0000-0000-0000-000000000005"
PROD_F = "ffffffff-0000-0000-0000-000000000006"
PROD_G = "99999999-0000-0000-0000-000000000007"
PARTNER = "22222222-3333-4444-5555-666666666666"
GROUP = "9f3c1e4a-1b2c-4d5e-8f90-123456789abc"
ENV_GROUP = "7e7e7e7e-1111-2222-3333-444444444444"


def environment(name, display, sku, dataverse=True, managed=False, extended=None,
                default=False, env_group=None):
    props = {
        "displayName": display,
        "environmentSku": sku,
        "isDefault": default,
        "linkedEnvironmentMetadata": (
            {"instanceUrl": f"https://{name[:8].lower()}.crm4.dynamics.com/",
             "securityGroupId": GROUP}
            if dataverse else None),
        "governanceConfiguration": {"protectionLevel": "Standard" if managed else "Basic"},
        "enterprisePolicies": {},
    }
    if extended is not None:
        props["governanceConfiguration"]["settings"] = {"extendedSettings": extended}
    if env_group is not None:
        props["parentEnvironmentGroup"] = {"id": env_group}
    return {
        "id": f"/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/{name}",
        "name": name,
        "location": "europe",
        "properties": props,
    }


def row(org, **columns):
    r = {"organizationid": org}
    r.update(columns)
    return {"value": [r]}


OFF = dict(enableipbasedfirewallrule=False, enableipbasedfirewallruleinauditmode=False,
           allowediprangeforfirewall="", enableipbasedcookiebinding=False,
           isauditenabled=False, iscontentsecuritypolicyenabled=False,
           iscontentsecuritypolicyenabledforcanvas=False)


def mixed():
    return {
        "_comment": "See make-fixtures.py: one environment per precondition of the plans.",
        "posture_snapshot": 1,
        "captured_at": "2026-11-28T10:00:00Z",
        "cloud": "public",
        "tenant": {"id": TENANT, "display_name": "Fixture tenant"},
        "sources": {
            "tenant_settings": {
                "disableEnvironmentCreationByNonAdminUsers": False,
                "disableTrialEnvironmentCreationByNonAdminUsers": False,
                "disablePortalsCreationByNonAdminUsers": False,
                "walkMeOptOut": True,
                "powerPlatform": {
                    "PowerApps": {"disableShareWithEveryone": False, "enableGuestsToMake": True},
                    "governance": {},
                },
            },
            "tenant_isolation": {
                "properties": {
                    "tenantId": TENANT,
                    "isDisabled": True,
                    "allowedTenants": [
                        {"tenantId": PARTNER, "direction": {"inbound": True, "outbound": False}},
                    ],
                },
            },
            "environments": [
                environment(DEFAULT, "Fixture (default)", "Default", managed=True, default=True,
                            extended={"limitSharingMode": "noLimit", "maxLimitUserSharing": "-1",
                                      "solutionCheckerMode": "warn",
                                      "suppressValidationEmails": "false",
                                      "excludeEnvironmentFromAnalysis": True}),
                environment(PROD_A, "Prod A", "Production", managed=True,
                            extended={"limitSharingMode": "excludeSharingToSecurityGroups",
                                      "maxLimitUserSharing": "10"}),
                environment(PROD_B, "Prod B", "Production"),
                environment(SAND_C, "Sand C", "Sandbox", dataverse=False),
                environment(TRIAL_D, "Trial D", "Trial"),
                environment(DEV_E, "Dev E", "Developer"),
                environment(PROD_F, "Prod F", "Production", managed=True, env_group=ENV_GROUP,
                            extended={"limitSharingMode": "noLimit", "maxLimitUserSharing": "-1"}),
                environment(PROD_G, "Prod G", "Production", managed=True,
                            extended={"limitSharingMode": "noLimit", "maxLimitUserSharing": "25"}),
            ],
            "dlp_policies": [
                {"policyDefinition": {
                    "name": "0a0a0a0a-0000-0000-0000-00000000000a",
                    "displayName": "Prod A only",
                    "defaultConnectorsClassification": "General",
                    "environmentType": "OnlyEnvironments",
                    "environments": [{"name": PROD_A, "id": PROD_A,
                                      "type": "Microsoft.BusinessAppPlatform/scopes/environments"}],
                    "connectorGroups": [],
                }},
            ],
            "dataverse": {
                DEFAULT: row("d0d0d0d0-0000-0000-0000-00000000000d",
                             allowedlistofiprangesforfirewall="0.0.0.0/0", **OFF),
                PROD_A: row("a0a0a0a0-0000-0000-0000-00000000000a",
                            enableipbasedfirewallrule=True,
                            enableipbasedfirewallruleinauditmode=True,
                            allowediprangeforfirewall="10.1.0.0/16, 192.0.2.0/24",
                            enableipbasedcookiebinding=True, isauditenabled=True,
                            iscontentsecuritypolicyenabled=True,
                            iscontentsecuritypolicyenabledforcanvas=False),
                PROD_B: row("b0b0b0b0-0000-0000-0000-00000000000b",
                            EnableIpBasedFirewallRule=False,
                            enableipbasedfirewallruleinauditmode=False,
                            allowediprangeforfirewall=None, enableipbasedcookiebinding=False,
                            IsAuditEnabled=False, iscontentsecuritypolicyenabled=False,
                            iscontentsecuritypolicyenabledforcanvas=False),
                TRIAL_D: row("d4d4d4d4-0000-0000-0000-00000000000d", **OFF),
                DEV_E: row("e0e0e0e0-0000-0000-0000-00000000000e", **OFF),
                PROD_F: {"error": {"status": 403, "code": "0x80072560",
                                   "message": "The user is not a member of the organization."}},
                PROD_G: row("90909090-0000-0000-0000-000000000009",
                            enableipbasedfirewallrule=True,
                            enableipbasedfirewallruleinauditmode=False,
                            allowediprangeforfirewall="198.51.100.0/24",
                            enableipbasedcookiebinding=True, isauditenabled=True,
                            iscontentsecuritypolicyenabled=True,
                            iscontentsecuritypolicyenabledforcanvas=True),
            },
        },
    }


V2_ROWS = {
    # restrictGuestUserAccess, app access control mode, allowed apps, blocked apps
    DEFAULT: (False, 0, "", ""),
    PROD_A: (True, 2, "11111111-aaaa-4bbb-8ccc-000000000001", ""),
    PROD_B: (False, 0, "", ""),
    TRIAL_D: (False, 0, "", ""),
    DEV_E: (False, 0, "", ""),
    PROD_G: (True, 1, "11111111-aaaa-4bbb-8ccc-000000000001", ""),
}


def mixed_v2():
    """mixed.json in format 2: the columns and settings catalog 2 reads."""
    snapshot = mixed()
    snapshot["_comment"] = "See make-fixtures.py: mixed.json in snapshot format 2."
    snapshot["posture_snapshot"] = 2
    snapshot["warnings"] = []
    apps = snapshot["sources"]["tenant_settings"]["powerPlatform"]["PowerApps"]
    apps["disableConnectionSharingWithEveryone"] = False
    snapshot["sources"]["tenant_settings"]["powerPlatform"]["governance"][
        "enableDefaultEnvironmentRouting"] = False
    for name, (guests, mode, allowed, blocked) in V2_ROWS.items():
        r = snapshot["sources"]["dataverse"][name]["value"][0]
        r["restrictGuestUserAccess"] = guests
        r["applicationbasedaccesscontrolmode"] = mode
        r["allowedapplicationsfordvaccess"] = allowed
        r["blockedapplicationsfordvaccess"] = blocked
        r.setdefault("allowedlistofiprangesforfirewall", "")
    return snapshot


def main():
    for name, build in (("mixed.json", mixed), ("mixed-v2.json", mixed_v2)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            json.dump(build(), f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
