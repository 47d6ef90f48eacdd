/**
 * `GET /api/v1/settings`: the UI server's own settings (PascalCase keys, as the Go UI server answers).
 * Write actions are enabled (terminate, cancel, signal, reset, update); batch actions and starting
 * workflows from the UI are not served by the dev server.
 */

/**
 * The UI server version reported to the UI: the pinned `@temporalio/ui` release (temporal/ui/package.json).
 * The UI encodes path segments once (instead of twice) for servers from 2.23.0 on, as this server expects.
 */
export const UI_SERVER_VERSION = '2.38.0';

export function uiSettings(defaultNamespace: string): Record<string, unknown> {
  return {
    Auth: { Enabled: false, Options: [] },
    DefaultNamespace: defaultNamespace,
    Version: UI_SERVER_VERSION,
    DisableWriteActions: false,
    WorkflowTerminateDisabled: false,
    WorkflowCancelDisabled: false,
    WorkflowSignalDisabled: false,
    WorkflowUpdateDisabled: false,
    WorkflowResetDisabled: false,
    BatchActionsDisabled: true,
    StartWorkflowDisabled: true,
    ShowTemporalSystemNamespace: false,
    NotifyOnNewVersion: false,
    HideWorkflowQueryErrors: false,
    RefreshWorkflowCountsDisabled: false,
    FeedbackURL: '',
    BannerText: '',
    Codec: { Endpoint: '', PassAccessToken: false, IncludeCredentials: false },
  };
}
