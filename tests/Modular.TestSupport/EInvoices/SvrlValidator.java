import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * Runs Schematron rules compiled to XSLT over many documents in one process, compiling each stylesheet once.
 * Reads lines "stylesheet TAB document TAB report" from standard input and writes the SVRL report to the report file,
 * answering "OK" or "ERROR TAB message" per line; "READY" once started.
 */
public final class SvrlValidator {
    public static void main(String[] args) throws Exception {
        Processor processor = new Processor(false);
        XsltCompiler compiler = processor.newXsltCompiler();
        Map<String, XsltExecutable> compiled = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        out.println("READY");
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split("\t");
            try {
                XsltExecutable executable = compiled.get(parts[0]);
                if (executable == null) {
                    executable = compiler.compile(new StreamSource(new File(parts[0])));
                    compiled.put(parts[0], executable);
                }

                executable.load30().transform(new StreamSource(new File(parts[1])), processor.newSerializer(new File(parts[2])));
                out.println("OK");
            } catch (Exception e) {
                out.println("ERROR\t" + String.valueOf(e).replace('\n', ' ').replace('\r', ' '));
            }
        }
    }
}
