// Plugin is loaded by two class loaders in Leak, so histograms list it twice.
public class Plugin {
    long state;
}
