/**
 * Jenkins steps Rig knows by name but does not run, each with the reason
 * validation gives. Knowing them turns "unknown step `readJSON`, did you mean
 * `readFile`?" into an accurate message.
 */
const UTILITY = 'it comes from the Pipeline Utility Steps plugin, which Rig does not implement yet';
const PLUGIN = 'it comes from a Jenkins plugin that Rig does not implement';
const NOTIFY =
  'it sends notifications through a Jenkins plugin; Rig does not implement it (use `sh` with curl)';
const REPORT = 'it publishes reports through a Jenkins plugin that Rig does not implement';
const LIBRARY = 'it comes from shared-library support, which Rig does not implement';

const CREDENTIALS =
  'it comes from a Jenkins plugin that Rig does not implement; bind the credential with `withCredentials([…])` and use the tool in `sh`';
const KUBERNETES =
  'it runs steps in a Kubernetes pod through the Kubernetes plugin; use `agent { kubernetes { … } }` for the stage';

export const PLUGIN_STEPS: ReadonlyMap<string, string> = new Map([
  [
    'build',
    'it triggers another Jenkins job; Rig runs one pipeline and has no other jobs to start',
  ],
  [
    'step',
    'the generic `step([$class: …])` runs a Jenkins build-step class, which Rig cannot load',
  ],
  [
    'properties',
    "it changes the job's configuration while the build runs; declare `parameters`, `triggers` and `options` in the pipeline (a `properties([…])` call before `pipeline { }` is read as those sections)",
  ],
  ['library', 'it loads a shared library while the build runs; Rig does not load shared libraries'],
  ['sshagent', CREDENTIALS.replace('use the tool', 'run `ssh` with `-i`')],
  ['withDockerRegistry', CREDENTIALS.replace('use the tool', 'run `docker login`')],
  ['withDockerContainer', "use `agent { docker { image '…' } }` for the stage instead"],
  ['container', KUBERNETES],
  ['podTemplate', KUBERNETES],
  ['withMaven', 'it comes from the Pipeline Maven plugin; run `mvn` with `sh`'],
  ['unarchive', 'it was replaced by `copyArtifacts`, which Rig does not implement either'],
  ['mail', 'it sends e-mail through Jenkins; Rig does not send e-mail (use `sh` with your mailer)'],
  [
    'emailext',
    'it sends e-mail through the Email Extension plugin; Rig does not send e-mail (use `sh` with your mailer)',
  ],
  ['slackSend', NOTIFY],
  ['load', 'it loads Groovy code from a file at run time; Rig only runs the Jenkinsfile itself'],
  ['libraryResource', LIBRARY],
  ['stage', 'a scripted `stage` inside `steps` is not supported; use declarative nested `stages`'],
  [
    'tool',
    'Rig does not install Jenkins tools; put the tool on the agent or use a container image',
  ],
  ['waitUntil', 'it is not implemented by Rig yet'],
  ['archive', 'it was replaced by `archiveArtifacts`'],
  ['readTrusted', PLUGIN],
  ['wrap', 'build wrappers from Jenkins plugins are not supported'],
  ['configFileProvider', PLUGIN],
  ['withSonarQubeEnv', PLUGIN],
  ['waitForQualityGate', PLUGIN],
  ['withKubeConfig', PLUGIN],
  ['withKubeCredentials', PLUGIN],
  ['kubernetesDeploy', PLUGIN],
  ['withGradle', PLUGIN],
  ['nodejs', PLUGIN],
  ['withNPM', PLUGIN],
  ['withPythonEnv', PLUGIN],
  ['withVault', PLUGIN],
  ['withDockerServer', PLUGIN],
  ['dockerFingerprintFrom', PLUGIN],
  ['ansiblePlaybook', PLUGIN],
  ['ansibleVault', PLUGIN],
  ['httpRequest', 'it comes from the HTTP Request plugin; use `sh` with curl'],
  ['sshCommand', PLUGIN],
  ['sshScript', PLUGIN],
  ['sshPut', PLUGIN],
  ['sshGet', PLUGIN],
  ['copyArtifacts', PLUGIN],
  ['s3Download', PLUGIN],
  ['azureCLI', PLUGIN],
  ['nexusArtifactUploader', PLUGIN],
  ['nexusPublisher', PLUGIN],
  ['readJSON', UTILITY],
  ['writeJSON', UTILITY],
  ['readYaml', UTILITY],
  ['writeYaml', UTILITY],
  ['readProperties', UTILITY],
  ['readMavenPom', UTILITY],
  ['writeMavenPom', UTILITY],
  ['readCSV', UTILITY],
  ['findFiles', UTILITY],
  ['zip', UTILITY],
  ['unzip', UTILITY],
  ['touch', UTILITY],
  ['sha1', UTILITY],
  ['sha256', UTILITY],
  ['tee', UTILITY],
  ['fingerprint', REPORT],
  ['publishChecks', REPORT],
  ['publishCoverage', REPORT],
  ['cucumber', REPORT],
  ['allure', REPORT],
  ['perfReport', REPORT],
  ['checkstyle', REPORT],
  ['findbugs', REPORT],
  ['pmd', REPORT],
  ['warnings', REPORT],
  ['dependencyCheckPublisher', REPORT],
  ['xunit', REPORT],
  ['bitbucketStatusNotify', NOTIFY],
  ['discordSend', NOTIFY],
  ['office365ConnectorSend', NOTIFY],
  ['hipchatSend', NOTIFY],
  ['telegramSend', NOTIFY],
  ['rocketSend', NOTIFY],
  ['mattermostSend', NOTIFY],
  ['jiraComment', NOTIFY],
  ['gitlabCommitStatus', NOTIFY],
  ['updateGitlabCommitStatus', NOTIFY],
  ['addGitLabMRComment', NOTIFY],
  ['setBuildStatus', NOTIFY],
]);
