// Faultline's build checks what the example's two builds left (maven-invoker-plugin; not needed in your own
// project): build 1 passed its scenarios with reports attached, build 2 (-Pbroken) failed naming the objective.
import groovy.json.JsonSlurper

def problems = []
def target = new File(basedir, 'target')
def json = { String path -> new JsonSlurper().parse(new File(target, path)) }
def expectVerdict = { String path, String verdict ->
    def file = new File(target, path)
    if (!file.isFile()) { problems << "no ${path}"; return }
    def result = json(path)
    if (result.verdict != verdict) { problems << "${path}: verdict ${result.verdict}, expected ${verdict}" }
}

// build 1: JUnit 5 (failsafe) ran desk-crash (@FaultlineScenarios) and desk-crash-java (@FaultlineTest)
expectVerdict('faultline-junit/desk-crash/result.json', 'PASSED')
expectVerdict('faultline-junit/desk-crash-java/result.json', 'PASSED')
def failsafe = new File(target, 'failsafe-reports').listFiles()?.findAll { it.name ==~ /TEST-.*\.xml/ }*.text?.join('\n') ?: ''
['verdict', 'integrity.lost', 'aKilledDeskAgentFinishesWhatItAccepted'].each {
    if (!failsafe.contains(it)) { problems << "failsafe's reports have no test named ${it}" }
}
def openXml = new File(target, 'junit-platform').listFiles()?.findAll { it.name.endsWith('.xml') }*.text?.join('\n') ?: ''
['result.json', 'report.html'].each {
    if (!openXml.contains(it)) { problems << "the JUnit Platform report has no attachment ${it}" }
}

// build 1: the Maven plugin ran desk-freeze
expectVerdict('faultline/desk-freeze/result.json', 'PASSED')
if (json('faultline/faultline-run.json').exitCode != 0) { problems << 'faultline:run recorded a non-zero exit' }

// build 2: the broken scenario failed, and so did the build, naming the objective
expectVerdict('faultline-broken/desk-crash-no-journal/result.json', 'FAILED')
def log = new File(basedir, 'build.log').text
['desk-crash-no-journal', 'integrity.lost', 'BUILD FAILURE'].each {
    if (!log.contains(it)) { problems << "build.log does not say ${it}" }
}

problems.each { println "example consumer: ${it}" }
return problems.isEmpty()
